package dev.authgateway.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays under deploy/kubernetes, built as kustomize builds them, parse with the
 * Kubernetes model of a current release without a field it does not know, and agree with
 * the applications: images, ports, health groups, settings and Secret keys.
 */
class KubernetesManifestsTests {

	private static final Path ROOT = KubernetesOverlay.ROOT;

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyManifestParsesWithoutAnUnknownFieldAndEachApplicationHasItsParts(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		assertThat(manifests.names(Deployment.class)).containsExactlyInAnyOrder("gateway", "resource-service",
				"frontend");
		assertThat(manifests.names(Service.class)).contains("gateway", "frontend", "resource-service-replicas");
		assertThat(manifests.names(Secret.class)).containsExactly("auth-gateway");
		assertThat(manifests.names(HorizontalPodAutoscaler.class)).containsExactlyInAnyOrder("gateway",
				"resource-service");
		assertThat(manifests.names(PodDisruptionBudget.class)).containsExactlyInAnyOrder("gateway", "resource-service",
				"frontend");
		assertThat(manifests.names(Ingress.class)).containsExactly("auth-gateway");
		for (HasMetadata resource : manifests.resources()) {
			assertThat(KubernetesOverlay.unknownFields(resource,
					resource.getKind() + " " + resource.getMetadata().getName()))
				.as("fields the Kubernetes API does not have")
				.isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void imagesAreTheOnesThisRepositoryBuilds(String overlay) throws IOException {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		Set<String> javaTargets = dockerfileTargets();
		for (Deployment deployment : manifests.of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			assertThat(KubernetesOverlay.container(deployment).getImage()).as(name)
				.isEqualTo("auth-gateway/" + name + ":0.1.0");
			if (!name.equals("frontend")) {
				assertThat(javaTargets).as("a Dockerfile target builds " + name).contains(name);
			}
		}
		assertThat(Files.readString(ROOT.resolve("frontend/nginx/default.conf"))).contains("listen 8080;");
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void portsAndProbesMatchEachApplicationsConfiguration(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		Map<String, Map<String, Object>> settings = Map.of("gateway", gatewaySettings(), "resource-service",
				resourceServiceSettings());
		settings.forEach((name, config) -> {
			Container container = KubernetesOverlay.container(manifests.deployment(name));
			assertThat(port(container, "http")).as(name).isEqualTo(config.get("server.port"));
			assertThat(port(container, "management")).as(name).isEqualTo(config.get("management.server.port"));
			assertThat(config).as(name + " has the probe groups")
				.containsEntry("management.endpoint.health.probes.enabled", true)
				.containsKeys("management.endpoint.health.group.liveness.include",
						"management.endpoint.health.group.readiness.include");
			assertThat(String.valueOf(config.get("management.endpoint.health.group.readiness.include")))
				.as("readiness does not follow the database: a blip would empty the Service")
				.doesNotContain("r2dbc")
				.doesNotContain("db");
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everySettingIsOneTheApplicationKnowsAndEverySecretKeyExists(String overlay) throws IOException {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		Set<String> secretKeys = manifests.of(Secret.class).get(0).getData().keySet();
		Map<String, Map<String, Object>> settings = Map.of("gateway", gatewaySettings(), "resource-service",
				resourceServiceSettings());
		settings.forEach((name, config) -> {
			Set<String> known = config.keySet()
				.stream()
				.map(KubernetesManifestsTests::relaxed)
				.collect(Collectors.toSet());
			Container container = KubernetesOverlay.container(manifests.deployment(name));
			for (EnvVar env : container.getEnv()) {
				assertThat(known).as(name + " knows " + env.getName()).contains(relaxed(env.getName()));
				if (env.getValueFrom() != null) {
					assertThat(secretKeys).contains(env.getValueFrom().getSecretKeyRef().getKey());
				}
			}
			for (EnvFromSource source : container.getEnvFrom()) {
				ConfigMap map = manifests.named(ConfigMap.class, source.getConfigMapRef().getName());
				for (String setting : map.getData().keySet()) {
					assertThat(known).as(name + " knows " + setting).contains(relaxed(setting));
				}
			}
		});
		assertThat(Files.readString(KubernetesOverlay.MANIFESTS.resolve(".gitignore")))
			.as("the Secret's values stay out of git")
			.contains("secrets.env");
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void noSecretValueIsCommitted(String overlay) throws IOException {
		try (Stream<Path> files = Files.walk(KubernetesOverlay.MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).toList()) {
				assertThat(Files.readString(file)).as(file + " holds no Secret").doesNotContain("kind: Secret");
			}
		}
		assertThat(KubernetesOverlay.MANIFESTS.resolve("overlays/" + overlay + "/secrets.env.example")).exists();
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void servicesSelectTheirDeploymentsPodsAndNameTheirPorts(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		for (Service service : manifests.of(Service.class)) {
			Deployment target = manifests.selected(service.getSpec().getSelector());
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(KubernetesOverlay.container(target).getPorts()).extracting(ContainerPort::getName)
					.contains(port.getTargetPort().getStrVal());
			}
		}
		for (HorizontalPodAutoscaler autoscaler : manifests.of(HorizontalPodAutoscaler.class)) {
			String target = autoscaler.getSpec().getScaleTargetRef().getName();
			assertThat(manifests.names(Deployment.class)).contains(target);
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
			assertThat(manifests.deployment(target).getSpec().getReplicas())
				.as(target + ": the autoscaler owns the replica count, which an apply must not reset")
				.isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void kustomizeItselfBuildsTheSameWhereItIsInstalled(String overlay) throws Exception {
		Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
		Path copy = Files.createTempDirectory("kustomize");
		try (Stream<Path> files = Files.walk(KubernetesOverlay.MANIFESTS)) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(KubernetesOverlay.MANIFESTS.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		Path overlayCopy = copy.resolve("overlays/" + overlay);
		Files.copy(overlayCopy.resolve("secrets.env.example"), overlayCopy.resolve("secrets.env"));
		Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlayCopy.toString()).redirectErrorStream(true)
			.start();
		String built = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(kubectl.waitFor()).as(built).isZero();
		Map<String, Object> theirs = byKindAndName(new Yaml().loadAll(built));
		Map<String, Object> ours = byKindAndName(
				new ArrayList<>(KustomizeBuild.build(KubernetesOverlay.MANIFESTS.resolve("overlays/" + overlay))));
		assertThat(ours).isEqualTo(theirs);
	}

	private void assertProbe(Probe probe, String path) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
	}

	private static Integer port(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.findFirst()
			.map(ContainerPort::getContainerPort)
			.orElse(null);
	}

	/**
	 * Spring Boot's relaxed binding: KEYS_ENCRYPTION_KEY and keys.encryption-key are one
	 * setting.
	 */
	private static String relaxed(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}

	private static Set<String> dockerfileTargets() throws IOException {
		Matcher targets = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)")
			.matcher(Files.readString(ROOT.resolve("Dockerfile")));
		Set<String> found = new HashSet<>();
		while (targets.find()) {
			found.add(targets.group(1));
		}
		return found;
	}

	private static Map<String, Object> gatewaySettings() {
		return settingsAt(SystemServices.gatewayConfig());
	}

	private static Map<String, Object> resourceServiceSettings() {
		return settingsAt(SystemServices.resourceServiceConfig());
	}

	private static Map<String, Object> settingsAt(String applicationYml) {
		try {
			return settings(new URL(applicationYml));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> settings(URL applicationYml) {
		try (InputStream in = applicationYml.openStream()) {
			Map<String, Object> flat = new HashMap<>();
			for (Object document : new Yaml().loadAll(in)) {
				flatten("", document, flat);
			}
			return flat;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void flatten(String prefix, Object value, Map<String, Object> into) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, inner) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, inner, into));
		}
		else {
			into.put(prefix, value);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> byKindAndName(Iterable<?> documents) {
		Map<String, Object> keyed = new java.util.TreeMap<>();
		for (Object document : documents) {
			if (document != null) {
				Map<String, Object> resource = (Map<String, Object>) document;
				keyed.put(resource.get("kind") + "/" + ((Map<String, Object>) resource.get("metadata")).get("name"),
						normalized(resource));
			}
		}
		return keyed;
	}

	/** Numbers as text, so YAML's integers and kustomize's agree. */
	private static Object normalized(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new java.util.TreeMap<>();
			map.forEach((key, inner) -> copy.put(key.toString(), normalized(inner)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(KubernetesManifestsTests::normalized).toList();
		}
		return String.valueOf(value);
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(java.io.File.pathSeparator))
			.anyMatch((folder) -> Files.isExecutable(Path.of(folder, program)));
	}

}
