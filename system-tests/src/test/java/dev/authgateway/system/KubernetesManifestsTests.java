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
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays under deploy/kubernetes, built as kustomize builds them, parse with the
 * Kubernetes model of a current release without a field it does not know, agree with the
 * applications (images, ports, health groups, settings, Secret keys), and keep the rules
 * of a production rollout: a disruption budget, spread and a pause before stopping for
 * every workload, the Pod Security "restricted" profile, network policies that let only
 * the right pods talk, autoscalers, TLS at the ingress and a narrow trusted-proxy range.
 */
class KubernetesManifestsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");

	/** Spring Boot's default for graceful shutdown's one phase. */
	private static final int SHUTDOWN_PHASE_SECONDS = 30;

	private List<HasMetadata> resources;

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyManifestParsesWithoutAnUnknownFieldAndEachApplicationHasItsParts(String overlay) {
		this.resources = load(overlay);
		assertThat(names(Deployment.class)).containsExactlyInAnyOrder("gateway", "resource-service", "frontend");
		assertThat(names(Service.class)).contains("gateway", "frontend", "resource-service-replicas");
		assertThat(names(Secret.class)).containsExactly("auth-gateway");
		assertThat(names(HorizontalPodAutoscaler.class)).containsExactlyInAnyOrder("gateway", "resource-service");
		assertThat(names(PodDisruptionBudget.class)).containsExactlyInAnyOrder("gateway", "resource-service",
				"frontend");
		assertThat(names(Ingress.class)).containsExactly("auth-gateway");
		for (HasMetadata resource : this.resources) {
			assertThat(unknownFields(resource, resource.getKind() + " " + resource.getMetadata().getName()))
				.as("fields the Kubernetes API does not have")
				.isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void imagesAreTheOnesThisRepositoryBuilds(String overlay) throws IOException {
		this.resources = load(overlay);
		Set<String> javaTargets = dockerfileTargets();
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			assertThat(container(deployment).getImage()).as(name).isEqualTo("auth-gateway/" + name + ":0.1.0");
			if (!name.equals("frontend")) {
				assertThat(javaTargets).as("a Dockerfile target builds " + name).contains(name);
			}
		}
		assertThat(Files.readString(ROOT.resolve("frontend/nginx/default.conf"))).contains("listen 8080;");
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void portsAndProbesMatchEachApplicationsConfiguration(String overlay) {
		this.resources = load(overlay);
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
		this.resources = load(overlay);
		Set<String> secretKeys = of(Secret.class).get(0).getData().keySet();
		Map<String, Map<String, Object>> settings = Map.of("gateway", gatewaySettings(), "resource-service",
				resourceServiceSettings());
		settings.forEach((name, config) -> {
			Set<String> known = config.keySet()
				.stream()
				.map(KubernetesManifestsTests::relaxed)
				.collect(Collectors.toSet());
			Container container = container(deployment(name));
			for (EnvVar env : container.getEnv()) {
				assertThat(known).as(name + " knows " + env.getName()).contains(relaxed(env.getName()));
				if (env.getValueFrom() != null) {
					assertThat(secretKeys).contains(env.getValueFrom().getSecretKeyRef().getKey());
				}
			}
			for (EnvFromSource source : container.getEnvFrom()) {
				ConfigMap map = named(ConfigMap.class, source.getConfigMapRef().getName());
				for (String setting : map.getData().keySet()) {
					assertThat(known).as(name + " knows " + setting).contains(relaxed(setting));
				}
			}
		});
		assertThat(Files.readString(MANIFESTS.resolve(".gitignore"))).as("the Secret's values stay out of git")
			.contains("secrets.env");
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void noSecretValueIsCommitted(String overlay) throws IOException {
		try (Stream<Path> files = Files.walk(MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).toList()) {
				assertThat(Files.readString(file)).as(file + " holds no Secret").doesNotContain("kind: Secret");
			}
		}
		assertThat(MANIFESTS.resolve("overlays/" + overlay + "/secrets.env.example")).exists();
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void servicesSelectTheirDeploymentsPodsAndNameTheirPorts(String overlay) {
		this.resources = load(overlay);
		for (Service service : of(Service.class)) {
			Deployment target = selected(service.getSpec().getSelector());
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(container(target).getPorts()).extracting(ContainerPort::getName)
					.contains(port.getTargetPort().getStrVal());
			}
		}
		for (HorizontalPodAutoscaler autoscaler : of(HorizontalPodAutoscaler.class)) {
			String target = autoscaler.getSpec().getScaleTargetRef().getName();
			assertThat(names(Deployment.class)).contains(target);
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
			assertThat(autoscaler.getSpec().getMinReplicas()).as(target + ": the autoscaler keeps the replicas asked")
				.isLessThanOrEqualTo(deployment(target).getSpec().getReplicas());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyWorkloadHasADisruptionBudgetSpreadAndAPauseBeforeItStops(String overlay) {
		this.resources = load(overlay);
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(of(PodDisruptionBudget.class)).as(name + " has a disruption budget")
				.anySatisfy((budget) -> assertThat(labels.entrySet())
					.containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getTopologySpreadConstraints()).as(name + " spreads over nodes")
				.extracting(TopologySpreadConstraint::getTopologyKey)
				.contains("kubernetes.io/hostname");
			Long pause = container(deployment).getLifecycle().getPreStop().getSleep().getSeconds();
			assertThat(pause).as(name + " pauses before it stops").isPositive();
			long shutdown = name.equals("frontend") ? 1 : SHUTDOWN_PHASE_SECONDS;
			assertThat(pod.getTerminationGracePeriodSeconds()).as(name + ": the pause and the graceful shutdown fit")
				.isGreaterThan(pause + shutdown);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyPodMeetsTheRestrictedPodSecurityProfile(String overlay) {
		this.resources = load(overlay);
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
			for (Container container : pod.getContainers()) {
				SecurityContext security = container.getSecurityContext();
				assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
				assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
				assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
				assertThat(security.getCapabilities().getAdd()).as(name).isNullOrEmpty();
				assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
				assertThat(container.getPorts()).as(name + " listens unprivileged")
					.allSatisfy((port) -> assertThat(port.getContainerPort()).isGreaterThanOrEqualTo(1024));
				VolumeMount tmp = container.getVolumeMounts()
					.stream()
					.filter((mount) -> mount.getMountPath().equals("/tmp"))
					.findFirst()
					.orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
				assertThat(pod.getVolumes()).as(name)
					.anySatisfy((volume) -> assertThat(volume.getName()).isEqualTo(tmp.getName()))
					.filteredOn((volume) -> volume.getName().equals(tmp.getName()))
					.allSatisfy((volume) -> assertThat(volume.getEmptyDir()).isNotNull());
			}
			assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void networkPoliciesLetOnlyTheRightPodsTalk(String overlay) {
		this.resources = load(overlay);
		NetworkPolicy deny = named(NetworkPolicy.class, "auth-gateway-default-deny");
		assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of",
				"auth-gateway");
		assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
		assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

		assertThat(allowedInto("resource-service", "http")).containsExactly("pods gateway");
		assertThat(allowedInto("frontend", "http")).containsExactly("pods gateway");
		assertThat(allowedInto("gateway", "http")).containsExactlyInAnyOrder("namespace ingress-nginx",
				"pods resource-service");
		for (String service : List.of("gateway", "resource-service")) {
			assertThat(allowedInto(service, "management")).containsExactly("namespace monitoring");
		}
		assertThat(allowedInto("postgresql", "5432")).containsExactlyInAnyOrder("pods gateway",
				"pods resource-service");
		NetworkPolicy frontend = named(NetworkPolicy.class, "frontend");
		assertThat(frontend.getSpec().getPolicyTypes()).contains("Egress");
		assertThat(frontend.getSpec().getEgress()).as("the app's pods open no connection").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void theIngressEndsTlsAndSendsEverythingToTheGateway(String overlay) {
		this.resources = load(overlay);
		Ingress ingress = of(Ingress.class).get(0);
		assertThat(ingress.getSpec().getTls()).isNotEmpty();
		assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isNotBlank();
		assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactlyInAnyOrderElementsOf(
				ingress.getSpec().getRules().stream().map((rule) -> rule.getHost()).toList());
		assertThat(ingress.getSpec().getRules()).allSatisfy((rule) -> assertThat(rule.getHttp().getPaths())
			.allSatisfy((path) -> assertThat(path.getBackend().getService().getName()).isEqualTo("gateway")));
		String issuer = named(ConfigMap.class, "auth-gateway-settings").getData().get("TOKENS_ISSUER");
		assertThat(issuer).as("the public URL is the ingress's host, over TLS")
			.isEqualTo("https://" + ingress.getSpec().getRules().get(0).getHost());
	}

	@Test
	void productionChecksTheDatabasesCertificate() {
		this.resources = load("production");
		Map<String, String> settings = named(ConfigMap.class, "auth-gateway-settings").getData();
		assertThat(settings).containsEntry("DATABASE_SSL_MODE", "verify-full");
		for (String name : List.of("gateway", "resource-service")) {
			Deployment deployment = deployment(name);
			assertThat(container(deployment).getVolumeMounts()).as(name)
				.anySatisfy((mount) -> assertThat(settings.get("DATABASE_SSL_ROOT_CERT"))
					.startsWith(mount.getMountPath() + "/"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void theGatewayTrustsOnlyANarrowProxyRange(String overlay) {
		this.resources = load(overlay);
		String trusted = named(ConfigMap.class, "gateway-settings").getData().get("THROTTLING_TRUSTED_PROXIES");
		assertThat(trusted).as("set").isNotBlank();
		for (String range : trusted.split(",")) {
			int prefix = range.contains("/") ? Integer.parseInt(range.substring(range.indexOf('/') + 1)) : 32;
			assertThat(prefix).as(range + ": no wider than a /16").isGreaterThanOrEqualTo(16);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void kustomizeItselfBuildsTheSameWhereItIsInstalled(String overlay) throws Exception {
		Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
		Path copy = Files.createTempDirectory("kustomize");
		try (Stream<Path> files = Files.walk(MANIFESTS)) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(MANIFESTS.relativize(file).toString());
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
				new ArrayList<>(KustomizeBuild.build(MANIFESTS.resolve("overlays/" + overlay))));
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

	private static List<HasMetadata> load(String overlay) {
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<HasMetadata> all = new ArrayList<>();
		for (Map<String, Object> resource : KustomizeBuild.build(MANIFESTS.resolve("overlays/" + overlay))) {
			all.add(serialization.unmarshal(serialization.asJson(resource)));
		}
		return all;
	}

	/** Paths of fields the model kept aside because the API has no such field. */
	private static List<String> unknownFields(Object node, String path) {
		List<String> found = new ArrayList<>();
		if (node == null || !node.getClass().getName().startsWith("io.fabric8")) {
			if (node instanceof List<?> list) {
				for (int i = 0; i < list.size(); i++) {
					found.addAll(unknownFields(list.get(i), path + "[" + i + "]"));
				}
			}
			return found;
		}
		for (java.lang.reflect.Method getter : node.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			try {
				Object value = getter.invoke(node);
				if (getter.getName().equals("getAdditionalProperties")) {
					((Map<?, ?>) value).keySet().forEach((key) -> found.add(path + "." + key));
				}
				else if (value instanceof Map<?, ?> map) {
					map.forEach((key, inner) -> found.addAll(unknownFields(inner, path + "." + key)));
				}
				else {
					found.addAll(unknownFields(value, path + "." + getter.getName().substring(3)));
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return found;
	}

	/**
	 * Who may reach the pods of this name on this port: "pods NAME" or "namespace NAME".
	 */
	private List<String> allowedInto(String pods, String port) {
		List<String> sources = new ArrayList<>();
		for (NetworkPolicy policy : of(NetworkPolicy.class)) {
			Map<String, String> selected = policy.getSpec().getPodSelector().getMatchLabels();
			if (!pods.equals(selected.get("app.kubernetes.io/name")) || policy.getSpec().getIngress() == null) {
				continue;
			}
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				assertThat(rule.getFrom()).as(policy.getMetadata().getName() + ": every rule names its sources")
					.isNotEmpty();
				assertThat(rule.getPorts()).as(policy.getMetadata().getName() + ": every rule names its ports")
					.isNotEmpty();
				boolean thisPort = rule.getPorts()
					.stream()
					.anyMatch((allowed) -> port.equals(allowed.getPort().getStrVal())
							|| port.equals(String.valueOf(allowed.getPort().getIntVal())));
				if (!thisPort) {
					continue;
				}
				for (NetworkPolicyPeer peer : rule.getFrom()) {
					assertThat(peer.getIpBlock()).isNull();
					if (peer.getNamespaceSelector() != null) {
						assertThat(peer.getPodSelector()).isNull();
						sources.add("namespace "
								+ peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
					}
					else {
						sources.add("pods " + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
					}
				}
			}
		}
		return sources;
	}

	private Deployment selected(Map<String, String> selector) {
		return of(Deployment.class).stream()
			.filter((deployment) -> deployment.getSpec()
				.getTemplate()
				.getMetadata()
				.getLabels()
				.entrySet()
				.containsAll(selector.entrySet()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(selector + " selects no deployment"));
	}

	private <T extends HasMetadata> T named(Class<T> type, String name) {
		return of(type).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
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
