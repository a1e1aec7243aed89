package dev.authgateway.gateway.key;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A signing key pair as stored: X.509 public key and PKCS#8 private key, both DER; the
 * private key is encrypted when a key encryption key is configured.
 */
@Table("signing_key")
record SigningKeyRow(@Id String kid, String algorithm, String state, @Column("public_key") byte[] publicKey,
		@Column("private_key") byte[] privateKey, @Column("created_at") Instant createdAt,
		@Column("activated_at") Instant activatedAt, @Column("retired_at") Instant retiredAt) {

	@Override
	public String toString() {
		return "SigningKeyRow[kid=" + this.kid + ", algorithm=" + this.algorithm + ", state=" + this.state + "]";
	}

}
