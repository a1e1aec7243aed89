package dev.authgateway.gateway.user;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;
import dev.authgateway.support.paging.PageRequest;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Finding accounts and changing their role, for the admin API: the account table's
 * statements stay here.
 */
@Component
public class UserDirectory {

	private static final String COLUMNS = "id, username, role, enabled, created_at";

	private final DatabaseClient database;

	UserDirectory(DatabaseClient database) {
		this.database = database;
	}

	/** Users whose name contains {@code query} (any case), by name. */
	public Mono<Page<UserSummary>> search(String query, PageRequest page) {
		String pattern = "%" + escapeLike(query.toLowerCase()) + "%";
		Mono<Long> total = this.database
			.sql("select count(*) as total from app_user where lower(username) like :pattern escape '\\'")
			.bind("pattern", pattern)
			.map((row, metadata) -> row.get("total", Long.class))
			.one();
		return this.database.sql("select " + COLUMNS + """
				 from app_user where lower(username) like :pattern escape '\\'
				order by lower(username), id limit :limit offset :offset""")
			.bind("pattern", pattern)
			.bind("limit", page.size())
			.bind("offset", page.offset())
			.map((row, metadata) -> UserSummary.of(row))
			.all()
			.collectList()
			.zipWith(total, (users, count) -> Page.of(users, page, count));
	}

	/** The user, or empty when no user has this id. */
	public Mono<UserSummary> find(UUID id) {
		return this.database.sql("select " + COLUMNS + " from app_user where id = :id")
			.bind("id", id)
			.map((row, metadata) -> UserSummary.of(row))
			.one();
	}

	/**
	 * Gives the user the role; the role it had before, or empty when no user has this id.
	 */
	public Mono<Role> changeRole(UUID id, Role role) {
		return this.database.sql("""
				update app_user u set role = :role from app_user old
				where u.id = :id and old.id = u.id returning old.role as previous""")
			.bind("role", role.name())
			.bind("id", id)
			.map((row, metadata) -> Role.valueOf(row.get("previous", String.class)))
			.one();
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
