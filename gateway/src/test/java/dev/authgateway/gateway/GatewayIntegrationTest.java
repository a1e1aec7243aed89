package dev.authgateway.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The gateway against a real PostgreSQL, with demo users and registration on, behind a
 * trusted proxy at 127.0.0.1 (so tests can name a client address in X-Forwarded-For),
 * with one other origin allowed by CORS; one context for all such tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "demo.enabled=true", "registration.enabled=true", "tokens.issuer=http://gateway.test",
				"throttling.trusted-proxies=127.0.0.1,::1", "cors.allowed-origins=https://app.example.test" })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(IntegrationTestConfiguration.class)
public @interface GatewayIntegrationTest {

}
