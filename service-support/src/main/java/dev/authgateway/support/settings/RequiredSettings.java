package dev.authgateway.support.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Settings that have no safe default. Outside demo mode a service must be told where its
 * database is and which public URL issues its tokens: a guess (localhost) would start a
 * service that fails later and less clearly, or signs tokens for the wrong issuer. So a
 * missing one stops the start, before anything else happens, with a message naming the
 * environment variable (MissingSettingsFailureAnalyzer). With the demo switch on, the
 * local defaults apply.
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {

	static final List<Setting> SETTINGS = List
		.of(new Setting("database.host", "the host name or address of PostgreSQL", "localhost"), new Setting(
				"tokens.issuer", "the gateway's public URL, the issuer that tokens name", "http://localhost:8080"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean demo = environment.getProperty("demo.enabled", Boolean.class, false);
		List<Setting> missing = SETTINGS.stream()
			.filter((setting) -> !StringUtils.hasText(environment.getProperty(setting.property())))
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		if (!demo) {
			throw new MissingSettingsException(missing);
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		missing.forEach((setting) -> defaults.put(setting.property(), setting.demoDefault()));
		// first: the configuration files name these settings with an empty value, which
		// must not win
		environment.getPropertySources().addFirst(new MapPropertySource("demoDefaults", defaults));
	}

	@Override
	public int getOrder() {
		// after the configuration files and the environment variables have been read
		return Ordered.LOWEST_PRECEDENCE;
	}

	record Setting(String property, String meaning, String demoDefault) {

		String variable() {
			return this.property.toUpperCase().replace('.', '_').replace('-', '_');
		}

	}

}
