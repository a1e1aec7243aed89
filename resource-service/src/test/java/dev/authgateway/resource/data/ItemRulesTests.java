package dev.authgateway.resource.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.resource.config.SecurityConfiguration;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.JwtMutator;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

/**
 * Every authorisation rule of the item API: owner, other user, admin, missing scope, no
 * token.
 */
@WebFluxTest(controllers = DataController.class, properties = "tokens.issuer=http://gateway.test")
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class, ItemService.class })
class ItemRulesTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	private static final UUID BOB = DemoUsers.BOB;

	private static final UUID ITEM = UUID.fromString("44444444-4444-4444-8444-444444444444");

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private ItemRepository items;

	@MockitoBean
	private ItemQueries queries;

	@MockitoBean
	private ReactiveJwtDecoder decoder;

	@BeforeEach
	void alicesItemExists() {
		given(this.queries.findById(ITEM)).willReturn(Mono.just(alicesItem(3)));
		given(this.queries.findById(org.mockito.ArgumentMatchers.<UUID>argThat((id) -> !ITEM.equals(id))))
			.willReturn(Mono.empty());
		given(this.items.save(any())).willAnswer((call) -> {
			Item item = call.getArgument(0);
			return Mono.just(new Item(item.id(), item.owner(), item.title(), item.body(), item.visibility(),
					item.createdAt(), item.updatedAt(), (item.version() == null) ? 0 : item.version() + 1));
		});
		given(this.items.delete(any())).willReturn(Mono.empty());
	}

	@Test
	void theOwnerReadsHerItem() {
		this.client.mutateWith(user(ALICE, "data:read"))
			.get()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(ITEM.toString())
			.jsonPath("$.version")
			.isEqualTo(3);
	}

	@Test
	void anotherUserGetsNotFoundSoTheItemsExistenceIsNotRevealed() {
		byte[] othersItem = this.client.mutateWith(user(BOB, "data:read"))
			.get()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		byte[] missingItem = this.client.mutateWith(user(BOB, "data:read"))
			.get()
			.uri("/api/protected-data/" + UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.returnResult()
			.getResponseBody();

		org.assertj.core.api.Assertions.assertThat(new String(othersItem).replaceAll("\"instance\":\"[^\"]*\"", ""))
			.isEqualTo(new String(missingItem).replaceAll("\"instance\":\"[^\"]*\"", ""));
	}

	@Test
	void anAdminReadsAnyonesItem() {
		this.client.mutateWith(user(BOB, "data:read", "admin"))
			.get()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void readingNeedsTheReadScopeAndAToken() {
		this.client.mutateWith(user(ALICE, "data:write"))
			.get()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get().uri("/api/protected-data/" + ITEM).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void creatingGivesTheItemItsLocationAndTheCallerAsOwner() {
		this.client.mutateWith(user(BOB, "data:write"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Bob's new note", "body", "hello"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/protected-data/[0-9a-f-]{36}")
			.expectBody()
			.jsonPath("$.owner")
			.isEqualTo(BOB.toString())
			.jsonPath("$.visibility")
			.isEqualTo("private")
			.jsonPath("$.version")
			.isEqualTo(0)
			.jsonPath("$.createdAt")
			.exists();
	}

	@Test
	void creatingNeedsTheWriteScope() {
		this.client.mutateWith(user(BOB, "data:read"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "x"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verify(this.items, never()).save(any());
	}

	@Test
	void invalidFieldsAreListed() {
		this.client.mutateWith(user(BOB, "data:write"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "", "body", "x".repeat(10_001), "visibility", "friends"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'title')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'body')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'visibility')]")
			.exists();
		verify(this.items, never()).save(any());
	}

	@Test
	void aNulCharacterInATitleIsRefusedByNameBeforeItReachesTheDatabase() {
		this.client.mutateWith(user(BOB, "data:write"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "\u0000title", "body", "two\nlines\tand a tab"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("title");
		verify(this.items, never()).save(any());
	}

	@Test
	void aNewlineInATitleOrAControlCharacterInABodyIsRefusedByName() {
		this.client.mutateWith(user(BOB, "data:write"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "one\nline", "body", "bell\u0007 and \u202e"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'title')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'body')]")
			.exists();
		verify(this.items, never()).save(any());
	}

	@Test
	void unknownFieldsAreRefusedByName() {
		this.client.mutateWith(user(BOB, "data:write"))
			.post()
			.uri("/api/protected-data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "x", "owner", ALICE.toString()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("owner")
			.jsonPath("$.errors[0].message")
			.isEqualTo("is not a known field");
		verify(this.items, never()).save(any());
	}

	@Test
	void theOwnerUpdatesWithTheVersionSheRead() {
		update(ALICE, 3, "data:write").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("changed")
			.jsonPath("$.version")
			.isEqualTo(4);
	}

	@Test
	void aStaleVersionIsAConflict() {
		update(ALICE, 2, "data:write").expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verify(this.items, never()).save(any());
	}

	@Test
	void aChangeThatSlipsInBetweenReadAndWriteIsAConflictToo() {
		willReturn(Mono.error(new OptimisticLockingFailureException("changed"))).given(this.items).save(any());

		update(ALICE, 3, "data:write").expectStatus().isEqualTo(409);
	}

	@Test
	void anUpdateWithoutAVersionIsABadRequest() {
		this.client.mutateWith(user(ALICE, "data:write"))
			.put()
			.uri("/api/protected-data/" + ITEM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "changed"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("version");
	}

	@Test
	void anotherUserCannotUpdateOrDeleteAndLearnsNothing() {
		update(BOB, 3, "data:write").expectStatus().isNotFound();
		this.client.mutateWith(user(BOB, "data:write"))
			.delete()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isNotFound();
		verify(this.items, never()).save(any());
		verify(this.items, never()).delete(any());
	}

	@Test
	void anAdminUpdatesAndDeletesAnyonesItem() {
		update(BOB, 3, "data:write", "admin").expectStatus().isOk();
		this.client.mutateWith(user(BOB, "data:write", "admin"))
			.delete()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	@Test
	void theOwnerDeletes() {
		this.client.mutateWith(user(ALICE, "data:write"))
			.delete()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isNoContent();
		verify(this.items).delete(any());
	}

	@Test
	void changingNeedsTheWriteScope() {
		update(ALICE, 3, "data:read").expectStatus().isForbidden();
		this.client.mutateWith(user(ALICE, "data:read"))
			.delete()
			.uri("/api/protected-data/" + ITEM)
			.exchange()
			.expectStatus()
			.isForbidden();
		verify(this.items, never()).delete(any());
	}

	@Test
	void anIdThatIsNoUuidIsNotFound() {
		this.client.mutateWith(user(ALICE, "data:read"))
			.get()
			.uri("/api/protected-data/not-a-uuid")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private WebTestClient.ResponseSpec update(UUID caller, int version, String... scopes) {
		return this.client.mutateWith(user(caller, scopes))
			.put()
			.uri("/api/protected-data/" + ITEM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "changed", "body", "new body", "visibility", "public", "version", version))
			.exchange();
	}

	private static JwtMutator user(UUID id, String... scopes) {
		SimpleGrantedAuthority[] authorities = java.util.Arrays.stream(scopes)
			.map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope))
			.toArray(SimpleGrantedAuthority[]::new);
		return mockJwt().jwt((jwt) -> jwt.subject(id.toString())).authorities(authorities);
	}

	private static Item alicesItem(int version) {
		Instant at = Instant.parse("2026-01-01T09:00:00Z");
		return new Item(ITEM, ALICE, "Alice's note", "body", "private", at, at, version);
	}

}
