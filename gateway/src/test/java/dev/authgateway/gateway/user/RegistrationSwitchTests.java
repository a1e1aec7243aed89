package dev.authgateway.gateway.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.gateway.config.SecurityConfiguration;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.gateway.throttle.LoginThrottle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.mockito.Mockito.verifyNoInteractions;

/** Registration is off unless configured: the endpoint then does not exist. */
@WebFluxTest(RegistrationController.class)
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class, PasswordPolicy.class,
		RegistrationSwitchTests.Properties.class })
class RegistrationSwitchTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private PasswordHashing hashing;

	@MockitoBean
	private ReactiveJwtDecoder accessTokenDecoder;

	@MockitoBean
	private LoginThrottle throttle;

	@MockitoBean
	private ClientAddresses addresses;

	@Test
	void registrationIsNotFoundByDefault() {
		this.client.post()
			.uri("/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "mallory", "password", "violet staircase under rain"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.users, this.hashing, this.throttle);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RegistrationProperties.class)
	static class Properties {

	}

}
