package io.exactsuite.check;

import io.exactsuite.check.Cluster.Service;

/**
 * The suite under check: one the checker started itself ({@link Cluster}, every fault class available),
 * or one already running at given base URLs ({@link RunningSuite}, only the gateway's chaos switches,
 * since the checker owns no process, database or connection there).
 */
interface Target extends AutoCloseable {

    /** The base URL clients use for the service (a balancer in front of its replicas, or the given URL). */
    String url(Service service);

    String gatewayUrl();

    /** The gateway simulator's API key: its /v1 API and its chaos switches want it. */
    String gatewayKey();

    /** The fault classes this target can inject. */
    java.util.List<String> faultClasses();

    void killReplica(Service service, int replica);

    void restartReplica(Service service, int replica);

    int cutConnections(Service service);

    int cutDatabaseConnections(Service service);

    void delayConnections(Service service, long millis);

    void crashDatabase(Service service);

    void restartDatabase(Service service);

    @Override
    void close();
}
