package dev.authgateway.gateway.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CorsPropertiesTests {

	@Test
	void originsAreSchemeHostAndPortOnly() {
		assertThatNoException()
			.isThrownBy(() -> new CorsProperties(List.of("https://app.example.com", "http://localhost:4200")));
	}

	@Test
	void anythingElseStopsTheStartNamingTheSetting() {
		for (String notAnOrigin : List.of("*", "app.example.com", "https://app.example.com/",
				"https://app.example.com/x", "ftp://app.example.com", "https://user@app.example.com")) {
			assertThatIllegalArgumentException().isThrownBy(() -> new CorsProperties(List.of(notAnOrigin)))
				.withMessageContaining("CORS_ALLOWED_ORIGINS");
		}
	}

}
