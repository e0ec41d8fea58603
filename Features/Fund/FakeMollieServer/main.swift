import FakeMollie

print("fake-mollie: not yet")
