package dev.authgateway.resource.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.resource.config.SecurityConfiguration;

import dev.authgateway.support.paging.Page;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

@WebFluxTest(controllers = DataController.class, properties = "tokens.issuer=http://gateway.test")
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class, ItemService.class })
class DataControllerTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private ItemQueries items;

	@MockitoBean
	private ItemRepository repository;

	@MockitoBean
	private ReactiveJwtDecoder decoder;

	@Test
	void publicDataNeedsNoToken() {
		given(this.items.publicItems(any())).willAnswer((call) -> Mono
			.just(Page.of(List.of(item(ALICE, "public")), ((PageQuery) call.getArgument(0)).paging(), 1)));

		this.client.get()
			.uri("/api/public-data")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[0].visibility")
			.isEqualTo("public")
			.jsonPath("$.content[0].owner")
			.isEqualTo(ALICE.toString())
			.jsonPath("$.page.number")
			.isEqualTo(0)
			.jsonPath("$.page.size")
			.isEqualTo(20)
			.jsonPath("$.page.totalElements")
			.isEqualTo(1)
			.jsonPath("$.page.totalPages")
			.isEqualTo(1);
	}

	@Test
	void protectedDataWithoutATokenIsUnauthorizedWithABearerChallenge() {
		this.client.get()
			.uri("/api/protected-data")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
		verifyNoInteractions(this.items);
	}

	@Test
	void protectedDataReturnsOnlyTheCallersItems() {
		given(this.items.ownedBy(eq(ALICE), any())).willAnswer((call) -> Mono
			.just(Page.of(List.of(item(ALICE, "private")), ((PageQuery) call.getArgument(1)).paging(), 1)));

		this.client
			.mutateWith(mockJwt().jwt((jwt) -> jwt.subject(ALICE.toString()))
				.authorities(new SimpleGrantedAuthority("SCOPE_data:read")))
			.get()
			.uri("/api/protected-data")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content.length()")
			.isEqualTo(1)
			.jsonPath("$.content[0].owner")
			.isEqualTo(ALICE.toString());
		verify(this.items).ownedBy(eq(ALICE), any());
		verify(this.items, never()).all(any());
	}

	@Test
	void adminsSeeEveryonesItems() {
		given(this.items.all(any()))
			.willAnswer((call) -> Mono.just(Page.of(List.of(item(ALICE, "private"), item(UUID.randomUUID(), "private")),
					((PageQuery) call.getArgument(0)).paging(), 2)));

		this.client
			.mutateWith(mockJwt().jwt((jwt) -> jwt.subject(UUID.randomUUID().toString()))
				.authorities(new SimpleGrantedAuthority("SCOPE_data:read"), new SimpleGrantedAuthority("SCOPE_admin")))
			.get()
			.uri("/api/protected-data")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(2);
	}

	@Test
	void aTokenWithoutTheReadScopeIsForbidden() {
		this.client
			.mutateWith(mockJwt().jwt((jwt) -> jwt.subject(ALICE.toString()))
				.authorities(new SimpleGrantedAuthority("SCOPE_profile")))
			.get()
			.uri("/api/protected-data")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.items);
	}

	@Test
	void pagingAndSortingArePassedToTheQuery() {
		given(this.items.publicItems(any()))
			.willAnswer((call) -> Mono.just(Page.of(List.of(), ((PageQuery) call.getArgument(0)).paging(), 45)));

		this.client.get()
			.uri("/api/public-data?page=2&size=10&sort=title,desc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.number")
			.isEqualTo(2)
			.jsonPath("$.page.totalPages")
			.isEqualTo(5);
		ArgumentCaptor<PageQuery> query = ArgumentCaptor.forClass(PageQuery.class);
		verify(this.items).publicItems(query.capture());
		assertThat(query.getValue().orderBy()).isEqualTo("title desc, id");
	}

	@Test
	void badPagingIsABadRequestNamingEachField() {
		this.client.get()
			.uri("/api/public-data?page=-1&size=101&sort=password")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'page')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'size')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'sort')]")
			.exists();
		verifyNoInteractions(this.items);
	}

	@Test
	void sortTextThatIsNotOnTheListNeverReachesTheDatabase() {
		for (String sort : new String[] { "createdAt;drop table item", "title,sideways", "title,asc,desc", "id" }) {
			this.client.get()
				.uri((uri) -> uri.path("/api/public-data").queryParam("sort", sort).build())
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
		verifyNoInteractions(this.items);
	}

	private static Item item(UUID owner, String visibility) {
		Instant at = Instant.parse("2026-01-01T09:00:00Z");
		return new Item(UUID.randomUUID(), owner, "title", "body", visibility, at, at, 0);
	}

}
