package io.exactsuite.check;

import io.exactsuite.check.Cluster.Service;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A suite that is already running (e.g. {@code ./suite} on its default ports), checked at given base URLs
 * with the dev tokens. The checker owns no process, database or connection there, so the only faults it
 * can inject are the gateway simulator's chaos switches.
 */
final class RunningSuite implements Target {

    private final Map<Service, String> urls = new EnumMap<>(Service.class);
    private final String gateway;

    /** {@code targets}: points=URL,payment=URL,order=URL,voting=URL,gateway=URL (any omitted: ./suite's default port). */
    RunningSuite(String targets) {
        Map<String, String> given = new java.util.HashMap<>();
        for (String pair : targets.split(",")) {
            String[] nameAndUrl = pair.split("=", 2);
            if (nameAndUrl.length != 2 || !nameAndUrl[1].startsWith("http")) {
                throw new IllegalArgumentException("--targets takes name=URL pairs, e.g. order=http://127.0.0.1:8083; not " + pair);
            }
            given.put(nameAndUrl[0], nameAndUrl[1].replaceAll("/+$", ""));
        }
        urls.put(Service.VOTING, given.getOrDefault("voting", "http://127.0.0.1:8081"));
        urls.put(Service.POINTS, given.getOrDefault("points", "http://127.0.0.1:8082"));
        urls.put(Service.ORDER, given.getOrDefault("order", "http://127.0.0.1:8083"));
        urls.put(Service.PAYMENT, given.getOrDefault("payment", "http://127.0.0.1:8084"));
        gateway = given.getOrDefault("gateway", "http://127.0.0.1:8085");
        given.keySet().removeAll(List.of("voting", "points", "order", "payment", "gateway"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--targets names voting, points, order, payment, gateway; not " + given.keySet());
        }
    }

    @Override
    public String url(Service service) {
        return urls.get(service);
    }

    @Override
    public String gatewayUrl() {
        return gateway;
    }

    /** GATEWAY_KEY from the environment, else the one ./suite generated in .data/gateway.env, else the dev default. */
    @Override
    public String gatewayKey() {
        String given = System.getenv("GATEWAY_KEY");
        if (given != null && !given.isBlank()) {
            return given;
        }
        java.nio.file.Path env = java.nio.file.Path.of(System.getProperty("suite.repository", "."), ".data", "gateway.env");
        try {
            return java.nio.file.Files.readAllLines(env).stream().filter(line -> line.startsWith("GATEWAY_KEY="))
                    .map(line -> line.substring("GATEWAY_KEY=".length())).findFirst().orElse("sk_test_dev_only");
        } catch (java.io.IOException none) {
            return "sk_test_dev_only";
        }
    }

    @Override
    public List<String> faultClasses() {
        return List.of("chaos");
    }

    @Override
    public void killReplica(Service service, int replica) {
        throw notOwned("kill");
    }

    @Override
    public void restartReplica(Service service, int replica) {
        throw notOwned("kill");
    }

    @Override
    public int cutConnections(Service service) {
        throw notOwned("cut");
    }

    @Override
    public int cutDatabaseConnections(Service service) {
        throw notOwned("dbcut");
    }

    @Override
    public void delayConnections(Service service, long millis) {
        throw notOwned("delay");
    }

    @Override
    public void crashDatabase(Service service) {
        throw notOwned("pg");
    }

    @Override
    public void restartDatabase(Service service) {
        throw notOwned("pg");
    }

    private static IllegalStateException notOwned(String fault) {
        return new IllegalStateException("fault " + fault + " needs the suite the checker starts itself (no --targets)");
    }

    @Override
    public void close() {
        // nothing of it is ours to stop
    }
}
