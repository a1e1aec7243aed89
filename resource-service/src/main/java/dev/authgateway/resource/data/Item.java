package dev.authgateway.resource.data;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

@Table("item")
record Item(@Id UUID id, UUID owner, String title, String body, String visibility,
		@Column("created_at") Instant createdAt, @Column("updated_at") Instant updatedAt, @Version Integer version) {
}
