package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.IntegrationTestConfiguration.TestClock;
import dev.authgateway.gateway.user.UserAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh rotation, reuse detection, lifetimes, browser mode and logout, through HTTP
 * against PostgreSQL.
 */
@GatewayIntegrationTest
class RefreshTokenLifecycleIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private TestClock clock;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private DatabaseClient database;

	@LocalServerPort
	private int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void refreshTokenCanBeUsedOnlyOnce() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();

		refresh(refreshToken).expectStatus().isOk();
		refresh(refreshToken).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	@Test
	void replayingASpentTokenRevokesTheWholeFamily() {
		String first = login("alice", "alice-password-1").get("refresh_token").toString();
		String second = tokens(refresh(first)).get("refresh_token").toString();

		refresh(first).expectStatus().isUnauthorized();

		refresh(second).expectStatus().isUnauthorized();
	}

	@Test
	void ofTwentyConcurrentRefreshesOfOneTokenExactlyOneSucceedsAndTheFamilyThenDies() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();
		WebClient http = WebClient.create("http://localhost:" + this.port);

		List<Map<String, Object>> answers = Flux.range(0, 20)
			.flatMap((i) -> http.post()
				.uri("/auth/refresh")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refresh_token", refreshToken))
				.exchangeToMono(
						(response) -> response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
						}).map((body) -> Map.of("status", response.statusCode().value(), "body", body))),
					20)
			.collectList()
			.block(Duration.ofSeconds(30));

		List<Map<String, Object>> successes = answers.stream().filter((a) -> a.get("status").equals(200)).toList();
		assertThat(successes).hasSize(1);
		assertThat(answers).filteredOn((a) -> a.get("status").equals(401)).hasSize(19);
		@SuppressWarnings("unchecked")
		String winnersToken = ((Map<String, Object>) successes.get(0).get("body")).get("refresh_token").toString();
		refresh(winnersToken).expectStatus().isUnauthorized();
	}

	@Test
	void aBrowserLoginThatArrivesWithARefreshCookieEndsTheSessionThatCookieBelongsTo() {
		String earlier = browserLogin();

		String later = this.client.post()
			.uri("/auth/token")
			.header("X-Requested-With", "XMLHttpRequest")
			.cookie(BrowserMode.COOKIE, earlier)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst(BrowserMode.COOKIE)
			.getValue();

		refresh(earlier).expectStatus().isUnauthorized();
		refresh(later).expectStatus().isOk();
	}

	@Test
	void logoutEverywhereWorksWithTheRefreshCookieAloneOnceTheAccessTokenHasExpired() {
		String cookie = browserLogin();
		String other = login("alice", "alice-password-1").get("refresh_token").toString();

		this.client.post()
			.uri("/auth/logout-all")
			.header("X-Requested-With", "XMLHttpRequest")
			.cookie(BrowserMode.COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueMatches(HttpHeaders.SET_COOKIE, BrowserMode.COOKIE + "=;.*Max-Age=0.*");

		cookieRefresh(cookie, (headers) -> headers.set("X-Requested-With", "XMLHttpRequest")).expectStatus()
			.isUnauthorized();
		refresh(other).expectStatus().isUnauthorized();
	}

	@Test
	void logoutEverywhereByCookieFromAnotherSiteIsForbiddenAndEndsNothing() {
		String cookie = browserLogin();

		this.client.post()
			.uri("/auth/logout-all")
			.header("X-Requested-With", "XMLHttpRequest")
			.header("Sec-Fetch-Site", "cross-site")
			.cookie(BrowserMode.COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isForbidden();

		cookieRefresh(cookie, (headers) -> headers.set("X-Requested-With", "XMLHttpRequest")).expectStatus().isOk();
	}

	@Test
	void refreshTokensExpireAfterADayUnused() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();

		this.clock.advance(Duration.ofDays(1).plusSeconds(1));

		refresh(refreshToken).expectStatus().isUnauthorized();
	}

	@Test
	void aSessionEndsSevenDaysAfterLoginHoweverOftenItIsRefreshed() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();
		for (int day = 1; day <= 6; day++) {
			this.clock.advance(Duration.ofHours(23));
			Map<String, Object> tokens = tokens(refresh(refreshToken));
			refreshToken = tokens.get("refresh_token").toString();
			assertThat(((Number) tokens.get("refresh_expires_in")).longValue()).isLessThanOrEqualTo(86400);
		}
		this.clock.advance(Duration.ofHours(23));
		// 6 x 23 h + 23 h = 161 h: two hours into the eighth day the family has outlived
		// its 168 h
		this.clock.advance(Duration.ofHours(8));

		refresh(refreshToken).expectStatus().isUnauthorized();
	}

	@Test
	void browserModeSetsTheRefreshTokenAsAStrictHttpOnlyCookieAndNeverInTheBody() {
		this.client.post()
			.uri("/auth/token")
			.header("X-Requested-With", "XMLHttpRequest")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.httpOnly(BrowserMode.COOKIE, true)
			.expectCookie()
			.sameSite(BrowserMode.COOKIE, "Strict")
			.expectCookie()
			.path(BrowserMode.COOKIE, "/auth")
			.expectCookie()
			.secure(BrowserMode.COOKIE, false)
			.expectBody()
			.jsonPath("$.access_token")
			.exists()
			.jsonPath("$.refresh_token")
			.doesNotExist();
	}

	@Test
	void theRefreshCookieIsMarkedSecureBehindAnHttpsProxy() {
		this.client.post()
			.uri("/auth/token")
			.header("X-Requested-With", "XMLHttpRequest")
			.header("X-Forwarded-Proto", "https")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectCookie()
			.secure(BrowserMode.COOKIE, true);
	}

	@Test
	void aCookieRefreshFromThisSiteRotatesTheCookie() {
		String cookie = browserLogin();

		String rotated = cookieRefresh(cookie, (headers) -> {
			headers.set("X-Requested-With", "XMLHttpRequest");
			headers.set("Sec-Fetch-Site", "same-origin");
			headers.setOrigin("http://gateway.test");
		}).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.refresh_token")
			.doesNotExist()
			.returnResult()
			.getResponseCookies()
			.getFirst(BrowserMode.COOKIE)
			.getValue();

		assertThat(rotated).isNotEqualTo(cookie);
	}

	@Test
	void aCookieRefreshWithoutTheRequestedWithHeaderIsForbidden() {
		String cookie = browserLogin();

		cookieRefresh(cookie, (headers) -> {
		}).expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// refused before it was spent: the cookie still works from this site
		cookieRefresh(cookie, (headers) -> headers.set("X-Requested-With", "XMLHttpRequest")).expectStatus().isOk();
	}

	@Test
	void aCookieRefreshFromAnotherSiteIsForbidden() {
		String cookie = browserLogin();

		cookieRefresh(cookie, (headers) -> {
			headers.set("X-Requested-With", "XMLHttpRequest");
			headers.setOrigin("https://evil.example");
		}).expectStatus().isForbidden();
		cookieRefresh(cookie, (headers) -> {
			headers.set("X-Requested-With", "XMLHttpRequest");
			headers.set("Sec-Fetch-Site", "cross-site");
		}).expectStatus().isForbidden();
	}

	@Test
	void aTokenInTheBodyWinsOverTheCookie() {
		String cookie = browserLogin();
		String bodyToken = login("bob", "bob-password-1").get("refresh_token").toString();

		this.client.post()
			.uri("/auth/refresh")
			.cookie(BrowserMode.COOKIE, cookie)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", bodyToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write");
		// bob's token was spent, alice's cookie was not
		refresh(bodyToken).expectStatus().isUnauthorized();
		cookieRefresh(cookie, (headers) -> headers.set("X-Requested-With", "XMLHttpRequest")).expectStatus().isOk();
	}

	@Test
	void logoutRevokesTheFamilyAndClearsTheCookie() {
		String first = login("alice", "alice-password-1").get("refresh_token").toString();
		String second = tokens(refresh(first)).get("refresh_token").toString();

		this.client.post()
			.uri("/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", second))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectCookie()
			.maxAge(BrowserMode.COOKIE, Duration.ZERO);

		refresh(second).expectStatus().isUnauthorized();
	}

	@Test
	void aCookieLogoutFromAnotherSiteIsForbiddenAndChangesNothing() {
		String cookie = browserLogin();

		this.client.post()
			.uri("/auth/logout")
			.cookie(BrowserMode.COOKIE, cookie)
			.header("X-Requested-With", "XMLHttpRequest")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();

		cookieRefresh(cookie, (headers) -> headers.set("X-Requested-With", "XMLHttpRequest")).expectStatus().isOk();
	}

	@Test
	void logoutEverywhereRevokesEveryFamilyOfTheUser() {
		String user = register();
		Map<String, Object> laptop = login(user, PASSWORD);
		String phone = login(user, PASSWORD).get("refresh_token").toString();
		String otherUser = login("bob", "bob-password-1").get("refresh_token").toString();

		this.client.post()
			.uri("/auth/logout-all")
			.headers((headers) -> headers.setBearerAuth(laptop.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isNoContent();

		refresh(laptop.get("refresh_token").toString()).expectStatus().isUnauthorized();
		refresh(phone).expectStatus().isUnauthorized();
		refresh(otherUser).expectStatus().isOk();
	}

	@Test
	void logoutEverywhereNeedsAnAccessTokenNotARefreshToken() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();

		this.client.post().uri("/auth/logout-all").exchange().expectStatus().isUnauthorized();
		this.client.post()
			.uri("/auth/logout-all")
			.headers((headers) -> headers.setBearerAuth(refreshToken))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
		refresh(refreshToken).expectStatus().isOk();
	}

	@Test
	void disablingAUserEndsAllTheirSessions() {
		String user = register();
		Map<String, Object> tokens = login(user, PASSWORD);
		UUID id = UUID.fromString(
				introspect(tokens.get("access_token").toString(), tokens.get("access_token").toString()).get("sub")
					.toString());

		this.accounts.disable(id).block();

		refresh(tokens.get("refresh_token").toString()).expectStatus().isUnauthorized();
		loginAttempt(user, PASSWORD).expectStatus().isUnauthorized();
		assertThat(introspect(tokens.get("access_token").toString(), tokens.get("access_token").toString()))
			.containsEntry("active", false);
	}

	@Test
	void anAccountDisabledBehindTheServicesBackRefreshesNoMoreAndItsSessionsEnd() {
		String user = register();
		String first = login(user, PASSWORD).get("refresh_token").toString();
		String second = login(user, PASSWORD).get("refresh_token").toString();
		// as an operator's SQL would: the account row only, no session revoked
		this.database.sql("update app_user set enabled = false where username = :name")
			.bind("name", user)
			.then()
			.block();

		refresh(first).expectStatus().isUnauthorized();

		this.database.sql("update app_user set enabled = true where username = :name")
			.bind("name", user)
			.then()
			.block();
		// the refused refresh ended every session of the account, not only the family it
		// presented
		refresh(second).expectStatus().isUnauthorized();
	}

	@Test
	void revocationAnswers200ForAnyTokenAndRevokesARefreshTokensFamily() {
		String refreshToken = login("alice", "alice-password-1").get("refresh_token").toString();

		revoke("token=" + refreshToken + "&token_type_hint=refresh_token").expectStatus().isOk();
		revoke("token=not-a-token-we-issued").expectStatus().isOk();

		refresh(refreshToken).expectStatus().isUnauthorized();
	}

	@Test
	void revocationWithoutATokenIsAnInvalidRequest() {
		revoke("token_type_hint=refresh_token").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
	}

	@Test
	void introspectionDescribesTheCallersOwnTokens() {
		Map<String, Object> tokens = login("alice", "alice-password-1");
		String accessToken = tokens.get("access_token").toString();

		assertThat(introspect(accessToken, accessToken)).containsEntry("active", true)
			.containsEntry("sub", "11111111-1111-4111-8111-111111111111")
			.containsEntry("username", "alice")
			.containsEntry("scope", "data:read data:write")
			.containsEntry("client_id", "web")
			.containsEntry("token_type", "Bearer")
			.containsKeys("exp", "iat");
		assertThat(introspect(accessToken, tokens.get("refresh_token").toString())).containsEntry("active", true)
			.containsEntry("token_type", "refresh_token")
			.containsEntry("username", "alice");
	}

	@Test
	void introspectionTellsAUserNothingAboutSomeoneElsesTokens() {
		String alices = login("alice", "alice-password-1").get("access_token").toString();
		Map<String, Object> bobs = login("bob", "bob-password-1");

		assertThat(introspect(alices, bobs.get("access_token").toString())).isEqualTo(Map.of("active", false));
		assertThat(introspect(alices, bobs.get("refresh_token").toString())).isEqualTo(Map.of("active", false));
	}

	@Test
	void adminsMayIntrospectAnyToken() {
		String admins = login("admin", "admin-password-1").get("access_token").toString();
		String bobs = login("bob", "bob-password-1").get("access_token").toString();

		assertThat(introspect(admins, bobs)).containsEntry("active", true).containsEntry("username", "bob");
	}

	@Test
	void introspectionReportsSpentAndForgedTokensInactive() {
		Map<String, Object> tokens = login("alice", "alice-password-1");
		String accessToken = tokens.get("access_token").toString();
		refresh(tokens.get("refresh_token").toString()).expectStatus().isOk();

		assertThat(introspect(accessToken, tokens.get("refresh_token").toString())).isEqualTo(Map.of("active", false));
		assertThat(introspect(accessToken, accessToken + "x")).isEqualTo(Map.of("active", false));
	}

	@Test
	void introspectionNeedsACaller() {
		this.client.post()
			.uri("/auth/introspect")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("token=abc")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void discoveryDescribesTheEndpoints() {
		this.client.get()
			.uri("/.well-known/oauth-authorization-server")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo("http://gateway.test")
			.jsonPath("$.jwks_uri")
			.isEqualTo("http://gateway.test/.well-known/jwks.json")
			.jsonPath("$.token_endpoint")
			.isEqualTo("http://gateway.test/auth/token")
			.jsonPath("$.revocation_endpoint")
			.isEqualTo("http://gateway.test/auth/revoke")
			.jsonPath("$.introspection_endpoint")
			.isEqualTo("http://gateway.test/auth/introspect")
			.jsonPath("$.response_types_supported")
			.isArray();
		this.client.get().uri("/auth/features").exchange().expectBody().jsonPath("$.registration").isEqualTo(true);
	}

	private static final String PASSWORD = "a long and unusual passphrase";

	private String register() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		this.client.post()
			.uri("/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isCreated();
		return username;
	}

	private Map<String, Object> login(String username, String password) {
		return tokens(loginAttempt(username, password));
	}

	private WebTestClient.ResponseSpec loginAttempt(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private String browserLogin() {
		ResponseCookie cookie = this.client.post()
			.uri("/auth/token")
			.header("X-Requested-With", "XMLHttpRequest")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst(BrowserMode.COOKIE);
		return cookie.getValue();
	}

	private WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

	private WebTestClient.ResponseSpec cookieRefresh(String cookie, java.util.function.Consumer<HttpHeaders> headers) {
		return this.client.post().uri("/auth/refresh").cookie(BrowserMode.COOKIE, cookie).headers(headers).exchange();
	}

	private WebTestClient.ResponseSpec revoke(String form) {
		return this.client.post()
			.uri("/auth/revoke")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form)
			.exchange();
	}

	private Map<String, Object> introspect(String callerAccessToken, String token) {
		return this.client.post()
			.uri("/auth/introspect")
			.headers((headers) -> headers.setBearerAuth(callerAccessToken))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Object> tokens(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

}
