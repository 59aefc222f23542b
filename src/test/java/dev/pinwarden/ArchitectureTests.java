package dev.pinwarden;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the module structure true as the code grows: each module uses only the modules
 * its {@code package-info} allows, through their public types, and without cycles.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.pinwarden");

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersPublicTypes() {
		ApplicationModules.of(PinwardenApplication.class).verify();
	}

	@Test
	void thePinCoreKnowsNothingOfTheWeb() {
		noClasses().that()
			.resideInAPackage("dev.pinwarden.pin..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
					"dev.pinwarden.web..", "org.springframework.security.web..")
			.check(CLASSES);
	}

	@Test
	void controllersAreNotPublic() {
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
			.that()
			.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should()
			.notBePublic()
			.check(CLASSES);
	}

}
