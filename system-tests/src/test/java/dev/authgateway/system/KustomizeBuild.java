package dev.authgateway.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;

/**
 * What {@code kubectl kustomize} makes of an overlay, for the features the manifests use
 * and no more: resources (files and folders), a namespace, replica counts, ConfigMap and
 * Secret generators (literals and env files, merged into the base's, names without a
 * hash), and patches that name a resource by kind and name and merge into it as JSON
 * merge patches (RFC 7386: maps merge, lists are replaced whole). A kustomization that
 * uses anything else is refused, so this cannot quietly disagree with kustomize. An env
 * file that is not committed is read from its {@code .example}.
 */
final class KustomizeBuild {

	private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "replicas",
			"generatorOptions", "configMapGenerator", "secretGenerator", "patches");

	private KustomizeBuild() {
	}

	static List<Map<String, Object>> build(Path folder) {
		Map<String, Object> kustomization = load(folder.resolve("kustomization.yaml")).get(0);
		for (String key : kustomization.keySet()) {
			if (!KNOWN.contains(key)) {
				throw new IllegalArgumentException(folder + " uses " + key + ", which KustomizeBuild does not do");
			}
		}
		Map<?, ?> options = (Map<?, ?>) kustomization.getOrDefault("generatorOptions", Map.of());
		if (kustomization.containsKey("configMapGenerator") || kustomization.containsKey("secretGenerator")) {
			if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
				throw new IllegalArgumentException(folder + ": generated names with a hash are not done here");
			}
		}
		List<Map<String, Object>> resources = new ArrayList<>();
		for (Object entry : list(kustomization.get("resources"))) {
			Path path = folder.resolve(entry.toString()).normalize();
			resources.addAll(Files.isDirectory(path) ? build(path) : load(path));
		}
		generate(folder, resources, list(kustomization.get("configMapGenerator")), "ConfigMap");
		generate(folder, resources, list(kustomization.get("secretGenerator")), "Secret");
		for (Object patch : list(kustomization.get("patches"))) {
			for (Map<String, Object> document : load(folder.resolve(((Map<?, ?>) patch).get("path").toString()))) {
				Map<String, Object> target = find(resources, document.get("kind"), name(document));
				merge(target, document);
			}
		}
		for (Object replica : list(kustomization.get("replicas"))) {
			Map<?, ?> count = (Map<?, ?>) replica;
			spec(find(resources, "Deployment", count.get("name").toString())).put("replicas", count.get("count"));
		}
		if (kustomization.get("namespace") != null) {
			resources.forEach((resource) -> metadata(resource).put("namespace", kustomization.get("namespace")));
		}
		return resources;
	}

	private static void generate(Path folder, List<Map<String, Object>> resources, List<?> generators, String kind) {
		for (Object item : generators) {
			Map<?, ?> generator = (Map<?, ?>) item;
			Map<String, String> values = new LinkedHashMap<>();
			for (Object literal : list(generator.get("literals"))) {
				String[] pair = literal.toString().split("=", 2);
				values.put(pair[0], pair[1]);
			}
			for (Object env : list(generator.get("envs"))) {
				values.putAll(envFile(folder.resolve(env.toString())));
			}
			String name = generator.get("name").toString();
			String behavior = String.valueOf(generator.containsKey("behavior") ? generator.get("behavior") : "create");
			Map<String, Object> resource;
			if (behavior.equals("create")) {
				resource = new LinkedHashMap<>();
				resource.put("apiVersion", "v1");
				resource.put("kind", kind);
				resource.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
				if (kind.equals("Secret")) {
					resource.put("type", "Opaque");
				}
				resources.add(resource);
			}
			else if (behavior.equals("merge")) {
				resource = find(resources, kind, name);
			}
			else {
				throw new IllegalArgumentException(name + ": behavior " + behavior + " is not done here");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> data = (Map<String, Object>) resource.computeIfAbsent("data",
					(key) -> new LinkedHashMap<>());
			values.forEach((key, value) -> data.put(key, kind.equals("Secret")
					? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) : value));
		}
	}

	private static Map<String, String> envFile(Path file) {
		Path read = Files.exists(file) ? file : file.resolveSibling(file.getFileName() + ".example");
		Map<String, String> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(read)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] pair = line.split("=", 2);
					values.put(pair[0].trim(), pair[1]);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			if (value == null) {
				target.remove(key);
			}
			else if (value instanceof Map<?, ?> inner && target.get(key) instanceof Map<?, ?> existing) {
				merge((Map<String, Object>) existing, (Map<String, Object>) inner);
			}
			else {
				target.put(key, value);
			}
		});
	}

	private static Map<String, Object> find(List<Map<String, Object>> resources, Object kind, String name) {
		return resources.stream()
			.filter((resource) -> resource.get("kind").equals(kind) && name(resource).equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name + " to patch"));
	}

	private static String name(Map<String, Object> resource) {
		return metadata(resource).get("name").toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> resource) {
		return (Map<String, Object>) resource.get("metadata");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> spec(Map<String, Object> resource) {
		return (Map<String, Object>) resource.get("spec");
	}

	private static List<?> list(Object value) {
		return (value != null) ? (List<?>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> load(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file)) {
			for (Object document : new Yaml().loadAll(in)) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return documents;
	}

}
