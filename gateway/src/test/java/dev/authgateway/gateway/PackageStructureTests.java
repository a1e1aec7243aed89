package dev.authgateway.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages by feature, as they are: the configuration wires the endpoints'
 * features together, the endpoints (token, admin) build on the foundations (users,
 * sessions, keys, throttling, routing, the request-level helpers), and no package graph
 * has a cycle.
 */
class PackageStructureTests {

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.authgateway.gateway");

	@Test
	void noFeaturePackageDependsOnAnotherInACycle() {
		slices().matching("dev.authgateway.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
	}

	@Test
	void configurationUsesTheEndpointsWhichUseTheFoundationsAndNeverTheOtherWayRound() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Configuration")
			.definedBy("dev.authgateway.gateway.config..")
			.layer("Endpoints")
			.definedBy("dev.authgateway.gateway.token..", "dev.authgateway.gateway.admin..",
					"dev.authgateway.gateway.account..")
			.layer("Foundations")
			.definedBy("dev.authgateway.gateway.user..", "dev.authgateway.gateway.session..",
					"dev.authgateway.gateway.key..", "dev.authgateway.gateway.throttle..",
					"dev.authgateway.gateway.route..", "dev.authgateway.gateway.web..",
					"dev.authgateway.gateway.audit..", "dev.authgateway.gateway.mfa..")
			.whereLayer("Configuration")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Endpoints")
			.mayOnlyBeAccessedByLayers("Configuration")
			.check(GATEWAY);
	}

}
