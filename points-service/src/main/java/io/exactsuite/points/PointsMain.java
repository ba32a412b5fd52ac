package io.exactsuite.points;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class PointsMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured("points-service", "points");
        Quarkus.run(args);
    }
}
