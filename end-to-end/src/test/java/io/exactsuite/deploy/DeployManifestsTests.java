package io.exactsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.common.idempotency.IdempotencyConfig;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.tx.TransactionConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders deploy/k8s's overlays with {@code kubectl kustomize} and reads every object with the fabric8 model: ports,
 * probes and env names against each service's real configuration; probes, limits and a locked-down container on
 * every Deployment; NetworkPolicies that allow exactly the flow table; prod with two replicas and a PDB per service.
 */
class DeployManifestsTests {

    private static final List<String> SERVICES = List.of("voting-service", "points-service", "order-service", "payment-service");
    private static final String SIMULATOR = "gateway-simulator";
    private static final Set<String> HEALTH = Set.of("/q/health/started", "/q/health/live", "/q/health/ready");

    private static Manifests dev;
    private static Manifests prod;
    private static Map<String, ConfigKeys> keys;

    @BeforeAll
    static void render() throws Exception {
        Assumptions.assumeTrue(Manifests.kubectlAvailable(),
                "kubectl (with kustomize v5) is not installed: the deploy manifests were not rendered or checked");
        dev = Manifests.render("dev");
        prod = Manifests.render("prod");
        keys = new LinkedHashMap<>();
        List<Class<?>> common = List.of(PaymentLimits.class, TransactionConfig.class, IdempotencyConfig.class);
        keys.put("voting-service", ConfigKeys.of("voting-service", true, common, "io.exactsuite.voting.VotingConfig"));
        keys.put("points-service", ConfigKeys.of("points-service", true, common));
        keys.put("order-service", ConfigKeys.of("order-service", true, common, "io.exactsuite.order.OrdersConfig"));
        keys.put("payment-service", ConfigKeys.of("payment-service", true, common, "io.exactsuite.payment.PaymentConfig"));
        keys.put(SIMULATOR, ConfigKeys.of(SIMULATOR, false, List.of(), "io.exactsuite.gatewaysim.SimulatorConfig"));
    }

    @Test
    void everyDeploymentListensOnItsConfiguredPortWithProbesLimitsAndALockedDownContainer() throws IOException {
        for (Manifests overlay : List.of(dev, prod)) {
            for (Deployment deployment : overlay.all(Deployment.class)) {
                String name = deployment.getMetadata().getName();
                int port = configuredPort(name);
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                String where = overlay.overlay + " " + name;

                assertThat(container.getPorts()).as(where + " ports").singleElement()
                        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port));
                assertThat(envValue(container, "QUARKUS_HTTP_PORT")).as(where).isEqualTo(String.valueOf(port));
                Service service = overlay.named(Service.class, name);
                assertThat(service.getSpec().getPorts()).as(where + " service").singleElement()
                        .satisfies(p -> assertThat(p.getPort()).isEqualTo(port));
                assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

                for (Probe probe : java.util.Arrays.asList(container.getStartupProbe(), container.getLivenessProbe(),
                        container.getReadinessProbe())) {
                    assertThat(probe).as(where + " probes").isNotNull();
                    assertThat(probe.getHttpGet().getPath()).as(where).isIn(HEALTH);
                    assertThat(probe.getHttpGet().getPort().getStrVal()).as(where).isEqualTo("http");
                }
                assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");

                assertThat(container.getResources().getRequests()).as(where).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where).containsKeys("cpu", "memory");
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(pod.getAutomountServiceAccountToken()).as(where).isFalse();
                ServiceAccount account = overlay.named(ServiceAccount.class, pod.getServiceAccountName());
                assertThat(account.getAutomountServiceAccountToken()).as(where).isFalse();
            }
        }
    }

    @Test
    void everyEnvironmentNameSetsAKeyTheServiceReads() throws IOException {
        Map<String, Secret> templates = new LinkedHashMap<>();
        for (Secret template : Manifests.secretTemplates()) {
            templates.put(template.getMetadata().getName(), template);
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Manifests overlay : List.of(dev, prod)) {
            for (Deployment deployment : overlay.all(Deployment.class)) {
                String name = deployment.getMetadata().getName();
                for (String env : envNames(overlay, deployment, templates)) {
                    checked++;
                    if (!keys.get(name).accepts(env)) {
                        unknown.add(overlay.overlay + " " + name + ": " + env);
                    }
                }
            }
        }
        System.out.println("deploy manifests: " + checked + " environment names checked against the services' config keys");
        assertThat(unknown).as("env names that set no key the service reads").isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void aRenamedConfigKeyIsCaught() throws IOException {
        ConfigKeys orders = keys.get("order-service");
        assertThat(orders.accepts("ORDERS_POINTS_BASE_URL")).isTrue();
        assertThat(orders.accepts("ORDERS_POINTS_URL")).isFalse();
        assertThat(orders.accepts("SUITE_PAYMENT_MAX_AMOUNT_USD")).isTrue();
        assertThat(keys.get("points-service").accepts("ORDERS_POINTS_BASE_URL")).isFalse();
    }

    @Test
    void prodRunsTwoReplicasOfEveryServiceWithADisruptionBudgetAndNoSimulator() {
        for (String service : SERVICES) {
            Deployment deployment = prod.named(Deployment.class, service);
            assertThat(deployment.getSpec().getReplicas()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(prod.named(HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas()).as(service)
                    .isGreaterThanOrEqualTo(2);
            PodDisruptionBudget budget = prod.named(PodDisruptionBudget.class, service);
            assertThat(budget.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(prod.custom("ServiceMonitor")).as("a ServiceMonitor scraping " + service)
                    .anySatisfy(monitor -> {
                        assertThat(monitor.getMetadata().getName()).isEqualTo(service);
                        assertThat(monitor.get("spec", "endpoints").toString()).contains("/q/metrics").contains("port=http");
                    });
        }
        assertThat(prod.custom("Cluster")).hasSize(SERVICES.size())
                .allSatisfy(cluster -> assertThat(((Number) cluster.get("spec", "instances")).intValue()).isGreaterThanOrEqualTo(3));
        for (HasMetadata object : prod.objects) {
            assertThat(object.getMetadata().getName()).as("prod object").doesNotContain(SIMULATOR);
        }
        for (ConfigMap config : prod.all(ConfigMap.class)) {
            assertThat(config.getData().values()).as(config.getMetadata().getName())
                    .noneMatch(value -> value.contains(SIMULATOR) || value.contains("127.0.0.1"));
        }
        assertThat(dev.named(Deployment.class, SIMULATOR).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void prodSecretsAreTemplatesWithNoValuesCoveringEveryReference() throws IOException {
        List<Secret> templates = Manifests.secretTemplates();
        assertThat(prod.all(Secret.class)).as("prod renders no Secret values").isEmpty();
        for (Secret template : templates) {
            assertThat(template.getStringData()).as(template.getMetadata().getName()).isNotEmpty()
                    .allSatisfy((key, value) -> assertThat(value).as(key).isEmpty());
        }
        Set<String> named = new TreeSet<>();
        templates.forEach(template -> named.add(template.getMetadata().getName()));
        Set<String> databases = new TreeSet<>();
        prod.custom("Cluster").forEach(cluster -> databases.add(cluster.getMetadata().getName() + "-app"));
        for (Deployment deployment : prod.all(Deployment.class)) {
            for (String secret : secretsReferenced(deployment)) {
                assertThat(named.contains(secret) || databases.contains(secret))
                        .as(deployment.getMetadata().getName() + " reads Secret " + secret + ", which nothing provides").isTrue();
            }
        }
        assertThat(dev.all(Secret.class)).extracting(secret -> secret.getMetadata().getName())
                .containsAll(named);
    }

    @Test
    void networkPoliciesAllowExactlyTheFlowTable() {
        Set<String> common = new TreeSet<>(Set.of(
                "order-service -> points-service:8082", "order-service -> payment-service:8084",
                "voting-service -> payment-service:8084",
                "payment-service -> order-service:8083", "payment-service -> voting-service:8081"));
        for (String service : SERVICES) {
            common.add(service + " -> " + service.replace("-service", "-db") + ":5432");
        }
        Set<String> devFlows = new TreeSet<>(common);
        devFlows.addAll(Set.of("payment-service -> gateway-simulator:8085", "gateway-simulator -> payment-service:8084"));

        assertThat(podFlows(dev)).isEqualTo(devFlows);
        assertThat(podFlows(prod)).isEqualTo(common);

        Set<String> outside = new TreeSet<>();
        for (String service : SERVICES) {
            int port = configuredPort(service);
            outside.add(service + ":" + port + " <- namespace ingress-nginx");
            outside.add(service + ":" + port + " <- namespace monitoring");
            outside.add(service + " -> namespace kube-system:53");
            outside.add(service + " -> namespace monitoring:4317");
            outside.add(service.replace("-service", "-db") + ":any <- namespace cnpg-system");
        }
        Set<String> prodOutside = new TreeSet<>(outside);
        prodOutside.add("payment-service -> 0.0.0.0/0:443");
        Set<String> devOutside = new TreeSet<>(outside);
        devOutside.add(SIMULATOR + ":8085 <- namespace ingress-nginx");
        devOutside.add(SIMULATOR + " -> namespace kube-system:53");
        assertThat(outsideFlows(prod)).isEqualTo(prodOutside);
        assertThat(outsideFlows(dev)).isEqualTo(devOutside);
        System.out.println("deploy manifests: network flows match the flow table (" + devFlows.size() + " in dev, "
                + common.size() + " in prod between pods)");
    }

    // --- the flow table, computed from the policies ---

    /** A pod of the suite: its labels and the ports it serves. */
    private record Pod(String name, Map<String, String> labels, List<Integer> ports) {
    }

    private static List<Pod> pods(Manifests overlay) {
        List<Pod> pods = new ArrayList<>();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            pods.add(new Pod(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getMetadata().getLabels(),
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                            .map(p -> p.getContainerPort()).toList()));
        }
        for (GenericKubernetesResource cluster : overlay.custom("Cluster")) {
            pods.add(new Pod(cluster.getMetadata().getName(), Map.of("cnpg.io/cluster", cluster.getMetadata().getName()),
                    List.of(5432)));
        }
        return pods;
    }

    /** Every "from -> to:port" between two different pods that both the sender's egress and the receiver's ingress allow. */
    private static Set<String> podFlows(Manifests overlay) {
        List<Pod> pods = pods(overlay);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
        Set<String> flows = new TreeSet<>();
        for (Pod from : pods) {
            for (Pod to : pods) {
                if (from == to) {
                    continue;
                }
                for (int port : to.ports()) {
                    if (allows(policies, from, to, port, true) && allows(policies, to, from, port, false)) {
                        flows.add(from.name() + " -> " + to.name() + ":" + port);
                    }
                }
            }
        }
        return flows;
    }

    /** Whether {@code subject}'s egress (or ingress) policies let it talk to (or hear from) {@code peer} on a port. */
    private static boolean allows(List<NetworkPolicy> policies, Pod subject, Pod peer, int port, boolean egress) {
        String type = egress ? "Egress" : "Ingress";
        boolean isolated = false;
        for (NetworkPolicy policy : policies) {
            if (!selects(policy.getSpec().getPodSelector(), subject.labels()) || !policy.getSpec().getPolicyTypes().contains(type)) {
                continue;
            }
            isolated = true;
            if (egress) {
                for (var rule : policy.getSpec().getEgress()) {
                    if (matchesPeer(rule.getTo(), peer) && matchesPort(rule.getPorts(), port)) {
                        return true;
                    }
                }
            } else {
                for (var rule : policy.getSpec().getIngress()) {
                    if (matchesPeer(rule.getFrom(), peer) && matchesPort(rule.getPorts(), port)) {
                        return true;
                    }
                }
            }
        }
        return !isolated;
    }

    private static boolean matchesPeer(List<NetworkPolicyPeer> peers, Pod pod) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null && selects(peer.getPodSelector(), pod.labels()));
    }

    private static boolean matchesPort(List<NetworkPolicyPort> ports, int port) {
        return ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null
                && p.getPort().getIntVal() == port);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    /** Every rule that reaches outside the namespace's pods: other namespaces and address blocks. */
    private static Set<String> outsideFlows(Manifests overlay) {
        Set<String> flows = new TreeSet<>();
        List<Pod> pods = pods(overlay);
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            for (Pod pod : pods) {
                if (!selects(policy.getSpec().getPodSelector(), pod.labels())) {
                    continue;
                }
                for (var rule : policy.getSpec().getIngress()) {
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getNamespaceSelector() != null) {
                            flows.add(pod.name() + ":" + ports(rule.getPorts()) + " <- namespace "
                                    + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                        }
                    }
                }
                for (var rule : policy.getSpec().getEgress()) {
                    for (NetworkPolicyPeer peer : rule.getTo()) {
                        if (peer.getNamespaceSelector() != null) {
                            flows.add(pod.name() + " -> namespace "
                                    + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name") + ":"
                                    + ports(rule.getPorts()));
                        } else if (peer.getIpBlock() != null) {
                            flows.add(pod.name() + " -> " + peer.getIpBlock().getCidr() + ":" + ports(rule.getPorts()));
                        }
                    }
                }
            }
        }
        return flows;
    }

    private static String ports(List<NetworkPolicyPort> ports) {
        TreeSet<Integer> numbers = new TreeSet<>();
        ports.forEach(p -> numbers.add(p.getPort().getIntVal()));
        return numbers.isEmpty() ? "any" : String.join(",", numbers.stream().map(String::valueOf).toList());
    }

    // --- configuration ---

    private static int configuredPort(String module) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", module, "src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    private static String envValue(Container container, String name) {
        return container.getEnv().stream().filter(env -> name.equals(env.getName())).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    /** The names a container's environment gets: env entries, and the keys of the ConfigMaps and Secrets it imports. */
    private static Set<String> envNames(Manifests overlay, Deployment deployment, Map<String, Secret> templates) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> names = new TreeSet<>();
        container.getEnv().forEach(env -> names.add(env.getName()));
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                names.addAll(overlay.named(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
            }
            if (source.getSecretRef() != null) {
                String secret = source.getSecretRef().getName();
                Secret rendered = overlay.all(Secret.class).stream().filter(s -> secret.equals(s.getMetadata().getName()))
                        .findFirst().orElse(templates.get(secret));
                assertThat(rendered).as(overlay.overlay + ": Secret " + secret).isNotNull();
                names.addAll(rendered.getData() != null ? rendered.getData().keySet() : rendered.getStringData().keySet());
            }
        }
        return names;
    }

    private static Set<String> secretsReferenced(Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> secrets = new TreeSet<>();
        container.getEnvFrom().stream().filter(source -> source.getSecretRef() != null)
                .forEach(source -> secrets.add(source.getSecretRef().getName()));
        container.getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .forEach(env -> secrets.add(env.getValueFrom().getSecretKeyRef().getName()));
        return secrets;
    }
}
