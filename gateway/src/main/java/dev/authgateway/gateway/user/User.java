package dev.authgateway.gateway.user;

import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

@Table("app_user")
public record User(@Id UUID id, String username, @Column("password_hash") String passwordHash, Role role,
		boolean enabled, @Column("password_temporary") boolean passwordTemporary) {

	@Override
	public String toString() {
		// never let a password hash reach a log line through toString()
		return "User[id=" + this.id + ", username=" + this.username + ", role=" + this.role + "]";
	}

}
