/// The manifesto's first published text; coordinators publish later versions from the admin page.
enum FirstVersion {
    static func make() -> ManifestoVersion {
        ManifestoVersion(
            number: 1,
            titleNL: "Manifest van De Kracht van Mokum",
            titleEN: "Manifesto of De Kracht van Mokum",
            bodyNL: """
                Amsterdam is van iedereen die hier woont, werkt, leert en liefheeft. Wij willen een stad die iedereen welkom heet zoals hij of zij is — gebouwd op solidariteit, rechtvaardigheid en gelijkwaardigheid.

                Wij laten niemand vallen. Wie buiten de bestaande voorzieningen valt en acuut hulp nodig heeft — onderdak, eten, zorg, of een uitweg uit een onrechtvaardige situatie — kan rekenen op de stad zelf: op ons, via het Solidariteitsfonds.

                Wij komen samen in actie. Veranderingen beginnen in de buurt: bij bewoners die een initiatief starten, een actie organiseren of een uur per week geven. Wij verbinden mensen met elkaar en met wat zij kunnen doen.

                Wij staan pal voor democratie en mensenrechten, en gaan de grote vragen van deze tijd niet uit de weg: woningnood, klimaat, ongelijkheid. Niemand wordt buitengesloten.

                Door dit manifest te ondertekenen, laat je zien dat jij bij deze beweging hoort. Samen maken we Amsterdam sterker.
                """,
            bodyEN: """
                Amsterdam belongs to everyone who lives, works, learns and loves here. We want a city that welcomes everyone as they are — built on solidarity, justice and equality.

                We let no one fall. Whoever falls outside existing provisions and needs help urgently — shelter, food, care, or a way out of an unjust situation — can count on the city itself: on us, through the Solidarity Fund.

                We act together. Change starts in the neighbourhood: with residents who start an initiative, organise an action or give an hour a week. We connect people with each other and with what they can do.

                We stand up for democracy and human rights, and we do not avoid the great questions of our time: the housing shortage, climate, inequality. No one is shut out.

                By signing this manifesto, you show that you belong to this movement. Together we make Amsterdam stronger.
                """,
            publishedByID: nil)
    }
}
