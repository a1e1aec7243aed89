package dev.authgateway.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One overlay of deploy/kubernetes as kustomize builds it ({@link KustomizeBuild}),
 * parsed with fabric8's model of the Kubernetes API, and what the tests ask of it.
 */
final class KubernetesOverlay {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");

	private final List<HasMetadata> resources;

	private KubernetesOverlay(List<HasMetadata> resources) {
		this.resources = resources;
	}

	static KubernetesOverlay load(String overlay) {
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<HasMetadata> all = new ArrayList<>();
		for (Map<String, Object> resource : KustomizeBuild.build(MANIFESTS.resolve("overlays/" + overlay))) {
			all.add(serialization.unmarshal(serialization.asJson(resource)));
		}
		return new KubernetesOverlay(all);
	}

	List<HasMetadata> resources() {
		return this.resources;
	}

	Deployment deployment(String name) {
		return of(Deployment.class).stream()
			.filter((deployment) -> deployment.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	static Container container(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	<T extends HasMetadata> List<T> of(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	List<String> names(Class<? extends HasMetadata> type) {
		return of(type).stream().map((resource) -> resource.getMetadata().getName()).toList();
	}

	/** Paths of fields the model kept aside because the API has no such field. */
	static List<String> unknownFields(Object node, String path) {
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
	List<String> allowedInto(String pods, String port) {
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

	/** Where the pods of this name may connect: "pods NAME:PORT" or "anywhere:PORT". */
	List<String> allowedOutOf(String pods) {
		List<String> targets = new ArrayList<>();
		for (NetworkPolicy policy : of(NetworkPolicy.class)) {
			if (!pods.equals(policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
					|| policy.getSpec().getEgress() == null) {
				continue;
			}
			for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
				assertThat(rule.getPorts()).as(policy.getMetadata().getName() + ": every rule names its ports")
					.isNotEmpty();
				Set<String> ports = rule.getPorts()
					.stream()
					.map((port) -> String.valueOf(port.getPort().getIntVal()))
					.collect(Collectors.toCollection(java.util.TreeSet::new));
				for (String port : ports) {
					if (rule.getTo() == null || rule.getTo().isEmpty()) {
						targets.add("anywhere:" + port);
					}
					else {
						rule.getTo().forEach((peer) -> targets.add(peerName(peer) + ":" + port));
					}
				}
			}
		}
		return targets;
	}

	/** "pods NAME" or "namespace NAME", as a rule's peer selects them. */
	private static String peerName(NetworkPolicyPeer peer) {
		if (peer.getPodSelector() != null) {
			return "pods " + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
		}
		return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
	}

	Deployment selected(Map<String, String> selector) {
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

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return of(type).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
	}

}
