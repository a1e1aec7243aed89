package dev.authgateway.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start without the settings that have no safe default stops at once and says which
 * ones to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsStartupTests {

	@Test
	void aStartOutsideDemoModeWithoutADatabaseStopsWithAReportNamingTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(GatewayApplication.class, "--database.host=",
				"--tokens.issuer=https://auth.example.com", "--server.port=0", "--management.server.port=0"));

		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("DATABASE_HOST (database.host)")
			.doesNotContain("TOKENS_ISSUER (tokens.issuer)");
	}

	@Test
	void aKeyEncryptionKeyThatIsNotThirtyTwoBytesStopsTheStartWithoutShowingTheValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(GatewayApplication.class,
				"--keys.encryption-key=bm90LXRoaXJ0eS10d28=", "--server.port=0", "--management.server.port=0"));

		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("KEYS_ENCRYPTION_KEY (keys.encryption-key) must be 32 bytes")
			.doesNotContain("bm90LXRoaXJ0eS10d28=");
	}

}
