package dev.authgateway.resource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The resource service's packages by feature, as they are: the features (data, me) stand
 * on their own, and the configuration knows none of them.
 */
class PackageStructureTests {

	private static final JavaClasses RESOURCE_SERVICE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.authgateway.resource");

	@Test
	void noFeaturePackageDependsOnAnother() {
		slices().matching("dev.authgateway.resource.(*)..").should().notDependOnEachOther().check(RESOURCE_SERVICE);
	}

	@Test
	void theFeaturesDoNotReachIntoTheConfiguration() {
		noClasses().that()
			.resideInAnyPackage("dev.authgateway.resource.data..", "dev.authgateway.resource.me..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.authgateway.resource.config..")
			.check(RESOURCE_SERVICE);
	}

}
