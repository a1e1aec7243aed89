package dev.authgateway.system;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of a production rollout in both overlays: a disruption budget, spread and a
 * pause before stopping for every workload, the Pod Security "restricted" profile,
 * network policies that let only the right pods talk, TLS at the ingress and to the
 * database, and a narrow trusted-proxy range.
 */
class KubernetesRolloutRulesTests {

	/** Spring Boot's default for graceful shutdown's one phase. */
	private static final int SHUTDOWN_PHASE_SECONDS = 30;

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyWorkloadHasADisruptionBudgetSpreadAndAPauseBeforeItStops(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		for (Deployment deployment : manifests.of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(manifests.of(PodDisruptionBudget.class)).as(name + " has a disruption budget")
				.anySatisfy((budget) -> assertThat(labels.entrySet())
					.containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getTopologySpreadConstraints()).as(name + " spreads over nodes")
				.extracting(TopologySpreadConstraint::getTopologyKey)
				.contains("kubernetes.io/hostname");
			Long pause = KubernetesOverlay.container(deployment).getLifecycle().getPreStop().getSleep().getSeconds();
			assertThat(pause).as(name + " pauses before it stops").isPositive();
			long shutdown = name.equals("frontend") ? 1 : SHUTDOWN_PHASE_SECONDS;
			assertThat(pod.getTerminationGracePeriodSeconds()).as(name + ": the pause and the graceful shutdown fit")
				.isGreaterThan(pause + shutdown);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void everyPodMeetsTheRestrictedPodSecurityProfile(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		for (Deployment deployment : manifests.of(Deployment.class)) {
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
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		NetworkPolicy deny = manifests.named(NetworkPolicy.class, "auth-gateway-default-deny");
		assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of",
				"auth-gateway");
		assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
		assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

		assertThat(manifests.allowedInto("resource-service", "http")).containsExactly("pods gateway");
		assertThat(manifests.allowedInto("frontend", "http")).containsExactly("pods gateway");
		assertThat(manifests.allowedInto("gateway", "http")).containsExactlyInAnyOrder("namespace ingress-nginx",
				"pods resource-service");
		for (String service : List.of("gateway", "resource-service")) {
			assertThat(manifests.allowedInto(service, "management")).containsExactly("namespace monitoring");
		}
		assertThat(manifests.allowedInto("postgresql", "5432")).containsExactlyInAnyOrder("pods gateway",
				"pods resource-service", "pods postgresql");
		assertThat(manifests.allowedOutOf("gateway")).containsExactlyInAnyOrder("pods resource-service:8081",
				"pods frontend:8080", "anywhere:5432", "anywhere:53", "namespace monitoring:4318");
		assertThat(manifests.allowedOutOf("resource-service")).containsExactlyInAnyOrder("pods gateway:8080",
				"anywhere:5432", "anywhere:53", "namespace monitoring:4318");
		NetworkPolicy frontend = manifests.named(NetworkPolicy.class, "frontend");
		assertThat(frontend.getSpec().getPolicyTypes()).contains("Egress");
		assertThat(frontend.getSpec().getEgress()).as("the app's pods open no connection").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void theIngressEndsTlsAndSendsEverythingToTheGateway(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		Ingress ingress = manifests.of(Ingress.class).get(0);
		assertThat(ingress.getSpec().getTls()).isNotEmpty();
		assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isNotBlank();
		assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactlyInAnyOrderElementsOf(
				ingress.getSpec().getRules().stream().map((rule) -> rule.getHost()).toList());
		assertThat(ingress.getSpec().getRules()).allSatisfy((rule) -> assertThat(rule.getHttp().getPaths())
			.allSatisfy((path) -> assertThat(path.getBackend().getService().getName()).isEqualTo("gateway")));
		String issuer = manifests.named(ConfigMap.class, "auth-gateway-settings").getData().get("TOKENS_ISSUER");
		assertThat(issuer).as("the public URL is the ingress's host, over TLS")
			.isEqualTo("https://" + ingress.getSpec().getRules().get(0).getHost());
	}

	@Test
	void productionChecksTheDatabasesCertificate() {
		KubernetesOverlay manifests = KubernetesOverlay.load("production");
		Map<String, String> settings = manifests.named(ConfigMap.class, "auth-gateway-settings").getData();
		assertThat(settings).containsEntry("DATABASE_SSL_MODE", "verify-full");
		for (String name : List.of("gateway", "resource-service")) {
			Deployment deployment = manifests.deployment(name);
			assertThat(KubernetesOverlay.container(deployment).getVolumeMounts()).as(name)
				.anySatisfy((mount) -> assertThat(settings.get("DATABASE_SSL_ROOT_CERT"))
					.startsWith(mount.getMountPath() + "/"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "dev" })
	void theGatewayTrustsOnlyANarrowProxyRange(String overlay) {
		KubernetesOverlay manifests = KubernetesOverlay.load(overlay);
		String trusted = manifests.named(ConfigMap.class, "gateway-settings")
			.getData()
			.get("THROTTLING_TRUSTED_PROXIES");
		assertThat(trusted).as("set").isNotBlank();
		for (String range : trusted.split(",")) {
			int prefix = range.contains("/") ? Integer.parseInt(range.substring(range.indexOf('/') + 1)) : 32;
			assertThat(prefix).as(range + ": no wider than a /16").isGreaterThanOrEqualTo(16);
		}
	}

}
