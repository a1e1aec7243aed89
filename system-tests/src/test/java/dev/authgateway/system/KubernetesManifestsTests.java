package dev.authgateway.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
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

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests under deploy/kubernetes parse with the Kubernetes model, and agree with
 * the applications: images built from this repository's Dockerfiles, the ports and health
 * groups each application.yml configures, settings the applications know, and keys the
 * Secret template has.
 */
class KubernetesManifestsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");

	private final List<HasMetadata> resources = load();

	@Test
	void everyManifestParsesAndEachApplicationHasADeploymentAndAService() {
		assertThat(names(Deployment.class)).containsExactlyInAnyOrder("gateway", "resource-service", "frontend");
		assertThat(names(Service.class)).contains("gateway", "frontend", "resource-service-replicas");
		assertThat(names(Secret.class)).containsExactly("auth-gateway");
		assertThat(names(HorizontalPodAutoscaler.class)).containsExactly("resource-service");
	}

	@Test
	void imagesAreTheOnesThisRepositoryBuilds() throws IOException {
		Set<String> javaTargets = dockerfileTargets();
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			assertThat(container(deployment).getImage()).as(name).isEqualTo("auth-gateway/" + name + ":0.1.0");
			if (!name.equals("frontend")) {
				assertThat(javaTargets).as("a Dockerfile target builds " + name).contains(name);
			}
		}
		assertThat(ROOT.resolve("frontend/Dockerfile")).exists();
	}

	@Test
	void portsAndProbesMatchEachApplicationsConfiguration() {
		Map<String, Map<String, Object>> settings = Map.of("gateway", gatewaySettings(), "resource-service",
				resourceServiceSettings());
		settings.forEach((name, config) -> {
			Container container = container(deployment(name));
			assertThat(port(container, "http")).as(name).isEqualTo(config.get("server.port"));
			assertThat(port(container, "management")).as(name).isEqualTo(config.get("management.server.port"));
			assertThat(config).as(name + " has the probe groups")
				.containsEntry("management.endpoint.health.probes.enabled", true)
				.containsKeys("management.endpoint.health.group.liveness.include",
						"management.endpoint.health.group.readiness.include");
			assertThat(String.valueOf(config.get("management.endpoint.health.group.readiness.include")))
				.as("readiness includes the database")
				.contains("r2dbc");
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
		});
	}

	@Test
	void everySettingIsOneTheApplicationKnowsAndEverySecretKeyExists() {
		Set<String> secretKeys = of(Secret.class).get(0).getStringData().keySet();
		Map<String, Map<String, Object>> settings = Map.of("gateway", gatewaySettings(), "resource-service",
				resourceServiceSettings());
		settings.forEach((name, config) -> {
			Set<String> known = config.keySet()
				.stream()
				.map(KubernetesManifestsTests::relaxed)
				.collect(Collectors.toSet());
			for (EnvVar env : container(deployment(name)).getEnv()) {
				assertThat(known).as(name + " knows " + env.getName()).contains(relaxed(env.getName()));
				if (env.getValueFrom() != null) {
					assertThat(secretKeys).contains(env.getValueFrom().getSecretKeyRef().getKey());
				}
			}
		});
	}

	@Test
	void servicesSelectTheirDeploymentsPodsAndNameTheirPorts() {
		for (Service service : of(Service.class)) {
			Deployment target = of(Deployment.class).stream()
				.filter((deployment) -> deployment.getSpec()
					.getTemplate()
					.getMetadata()
					.getLabels()
					.entrySet()
					.containsAll(service.getSpec().getSelector().entrySet()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " selects no deployment"));
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(container(target).getPorts()).extracting(ContainerPort::getName)
					.contains(port.getTargetPort().getStrVal());
			}
		}
		HorizontalPodAutoscaler autoscaler = of(HorizontalPodAutoscaler.class).get(0);
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("resource-service");
		assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
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

	private Deployment deployment(String name) {
		return of(Deployment.class).stream()
			.filter((deployment) -> deployment.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Container container(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private <T extends HasMetadata> List<T> of(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private List<String> names(Class<? extends HasMetadata> type) {
		return of(type).stream().map((resource) -> resource.getMetadata().getName()).toList();
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

	private static List<HasMetadata> load() {
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<HasMetadata> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
				if (file.getFileName().toString().equals("kustomization.yaml")) {
					continue;
				}
				try (InputStream in = Files.newInputStream(file)) {
					Object parsed = serialization.unmarshal(in);
					if (parsed instanceof List<?> list) {
						list.forEach((item) -> all.add((HasMetadata) item));
					}
					else {
						all.add((HasMetadata) parsed);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return all;
	}

}
