package dev.authgateway.gateway.user;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface UserRepository extends ReactiveCrudRepository<User, UUID> {

	@Query("select * from app_user where lower(username) = lower(:username)")
	Mono<User> findByUsername(String username);

	/** Whether the account exists, is enabled and has the ADMIN role now. */
	@Query("select exists (select 1 from app_user where id = :id and enabled and role = 'ADMIN')")
	Mono<Boolean> isEnabledAdmin(UUID id);

	/**
	 * Replaces the stored hash of the password with one made with today's settings,
	 * unless the hash changed meanwhile; returns the number of rows updated.
	 */
	@Modifying
	@Query("update app_user set password_hash = :newHash where id = :id and password_hash = :oldHash")
	Mono<Integer> replacePasswordHash(UUID id, String oldHash, String newHash);

	/**
	 * Inserts the user unless its id or username is taken; returns the number of rows
	 * inserted.
	 */
	@Modifying
	@Query("""
			insert into app_user (id, username, password_hash, role, enabled)
			values (:id, :username, :passwordHash, :role, true)
			on conflict do nothing""")
	Mono<Integer> insertIfAbsent(UUID id, String username, String passwordHash, String role);

	/**
	 * As {@link #insertIfAbsent(UUID, String, String, String)}, with a password that is
	 * temporary or not.
	 */
	@Modifying
	@Query("""
			insert into app_user (id, username, password_hash, role, enabled, password_temporary)
			values (:id, :username, :passwordHash, :role, true, :temporary)
			on conflict do nothing""")
	Mono<Integer> insertIfAbsent(UUID id, String username, String passwordHash, String role, boolean temporary);

}
