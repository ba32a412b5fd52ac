package io.exactsuite.testing;

import static io.restassured.RestAssured.given;

/** Reads one sample from the service's /q/metrics (Prometheus text format). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the sample named {@code metric} whose labels include every {@code name, value} pair given, or 0 when
     * the service has not exported it yet (a counter never incremented is absent).
     */
    public static double value(String metric, String... labelPairs) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                all &= line.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
            }
            if (all) {
                // "name{labels} value", possibly followed by an exemplar: " # {trace_id=...} value timestamp".
                String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
                return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
