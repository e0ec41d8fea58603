"""What operators and open-data users rely on: health, metrics and the JSON API."""


def test_health(visitor):
    response = visitor.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_metrics_are_prometheus_text(visitor):
    response = visitor.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "# TYPE" in response.text


def test_openapi_document(visitor):
    response = visitor.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert "/indicators" in document["paths"] or "/api/v1/indicators" in document["paths"]


def test_indicators(visitor):
    response = visitor.get("/api/v1/indicators")
    assert response.status_code == 200
    indicators = response.json()
    assert isinstance(indicators, list) and indicators
    for indicator in indicators:
        assert {"key", "value", "unit"} <= indicator.keys(), indicator
        assert isinstance(indicator["value"], int)
    keys = {i["key"] for i in indicators}
    # Only the features that exist register figures: no zeros for what is not built yet.
    assert "manifesto_signatures" in keys
    headline = [i for i in indicators if i.get("headlineOrder") is not None]
    assert headline and all(isinstance(i["headlineOrder"], int) for i in headline)
