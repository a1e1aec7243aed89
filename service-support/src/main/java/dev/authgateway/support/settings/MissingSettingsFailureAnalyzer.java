package dev.authgateway.support.settings;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing setting into Spring Boot's "APPLICATION FAILED TO START" report: what,
 * and how to fix it.
 */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
		String description = cause.missing()
			.stream()
			.map((setting) -> "- " + setting.variable() + " (" + setting.property() + "): " + setting.meaning())
			.collect(Collectors.joining("\n", "These settings are required and have no value:\n", ""));
		String action = "Set them as environment variables (see docs/configuration.md), or set "
				+ "DEMO_ENABLED=true to try the system locally with demo users and local defaults.";
		return new FailureAnalysis(description, action, cause);
	}

}
