package dev.authgateway.support.settings;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequiredSettingsTests {

	private final RequiredSettings settings = new RequiredSettings();

	@Test
	void outsideDemoModeAMissingDatabaseHostStopsTheStartNamingTheVariable() {
		MockEnvironment environment = new MockEnvironment().withProperty("database.host", "")
			.withProperty("tokens.issuer", "https://auth.example.com");

		MissingSettingsException failure = catchMissing(environment);

		FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("DATABASE_HOST (database.host)").doesNotContain("TOKENS_ISSUER");
		assertThat(analysis.getAction()).contains("DEMO_ENABLED=true");
	}

	@Test
	void everyMissingSettingIsNamedAtOnce() {
		MissingSettingsException failure = catchMissing(new MockEnvironment());

		assertThat(new MissingSettingsFailureAnalyzer().analyze(failure).getDescription()).contains("DATABASE_HOST",
				"TOKENS_ISSUER");
	}

	@Test
	void inDemoModeTheLocalDefaultsApplyToWhatIsNotSet() {
		MockEnvironment environment = new MockEnvironment().withProperty("demo.enabled", "true")
			.withProperty("database.host", "")
			.withProperty("tokens.issuer", "https://auth.example.com");

		this.settings.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("database.host")).isEqualTo("localhost");
		assertThat(environment.getProperty("tokens.issuer")).isEqualTo("https://auth.example.com");
	}

	@Test
	void settingsThatAreSetAreLeftAsTheyAre() {
		MockEnvironment environment = new MockEnvironment().withProperty("database.host", "db.internal")
			.withProperty("tokens.issuer", "https://auth.example.com");

		this.settings.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("database.host")).isEqualTo("db.internal");
	}

	private MissingSettingsException catchMissing(MockEnvironment environment) {
		return assertThatExceptionOfType(MissingSettingsException.class)
			.isThrownBy(() -> this.settings.postProcessEnvironment(environment, new SpringApplication()))
			.actual();
	}

}
