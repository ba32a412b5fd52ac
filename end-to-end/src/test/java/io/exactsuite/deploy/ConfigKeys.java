package io.exactsuite.deploy;

import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration keys a service really reads, in environment-variable form, so a manifest's env names can be
 * checked against them: the keys its application.properties and common's microprofile-config.properties set, the
 * keys of its {@code @ConfigMapping} interfaces (read by reflection, so a renamed method renames the key), and the
 * few platform keys an operator sets that no file of ours mentions.
 */
final class ConfigKeys {

    /** Quarkus and MicroProfile keys a deployment sets although our files do not. */
    private static final List<String> PLATFORM = List.of("quarkus.profile", "quarkus.http.port", "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username", "quarkus.datasource.password", "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.issuer", "quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.sdk.disabled");

    private final Set<String> exact = new TreeSet<>();
    private final Set<String> prefixes = new TreeSet<>();

    /**
     * The keys of a service module (its directory name), with common's when it builds on common. {@code mappings} name
     * the module's {@code @ConfigMapping} interfaces, loaded from its compiled classes (the reactor builds it first).
     */
    static ConfigKeys of(String module, boolean usesCommon, List<Class<?>> commonMappings, String... mappings)
            throws IOException, ClassNotFoundException {
        ConfigKeys keys = new ConfigKeys();
        keys.addProperties(Path.of("..", module, "src", "main", "resources", "application.properties"));
        if (usesCommon) {
            keys.addProperties(Path.of("..", "common", "src", "main", "resources", "META-INF", "microprofile-config.properties"));
        }
        PLATFORM.forEach(key -> keys.exact.add(env(key)));
        if (usesCommon) {
            keys.prefixes.add(env("suite.service-identity.")); // read by name at run time (common Caller), one per service
        }
        List<Class<?>> all = new java.util.ArrayList<>(commonMappings);
        java.net.URLClassLoader classes = new java.net.URLClassLoader(
                new java.net.URL[] { Path.of("..", module, "target", "classes").toUri().toURL() },
                ConfigKeys.class.getClassLoader());
        for (String mapping : mappings) {
            all.add(Class.forName(mapping, false, classes));
        }
        for (Class<?> mapping : all) {
            keys.addMapping(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping);
        }
        return keys;
    }

    /** Whether an environment variable name sets one of these keys. */
    boolean accepts(String envName) {
        return exact.contains(envName) || prefixes.stream().anyMatch(prefix -> envName.startsWith(prefix) && envName.length()
                > prefix.length());
    }

    /** MicroProfile Config's environment form: upper case, every character other than a letter or digit an underscore. */
    static String env(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void addProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            exact.add(env(plain));
        }
    }

    private void addMapping(String prefix, Class<?> type) {
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Type returned = method.getGenericReturnType();
            Class<?> raw = method.getReturnType();
            if (java.util.Map.class.isAssignableFrom(raw)) {
                prefixes.add(env(key) + "_");
            } else if (raw.isInterface() && !raw.getName().startsWith("java.") && returned instanceof Class<?>) {
                addMapping(key, raw);
            } else {
                exact.add(env(key)); // a value: a scalar, a Duration, a List, an Optional
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
