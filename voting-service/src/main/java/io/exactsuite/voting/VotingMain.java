package io.exactsuite.voting;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class VotingMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured("voting-service", "voting");
        Quarkus.run(args);
    }
}
