package dev.authgateway.gateway.key;

import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMaterialTests {

	private static final KeyEncryption PLAIN = KeyEncryption.fromBase64(null);

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256" })
	void storedKeysSignAndTheirPublicHalvesVerify(String algorithm) throws Exception {
		SigningKeyRow row = KeyMaterial.row(KeyMaterial.generatePair(algorithm), algorithm, "active", PLAIN);
		JWK key = KeyMaterial.signingJwk(row, PLAIN);

		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.parse(algorithm)), new Payload("hello"));
		jws.sign(new DefaultJWSSignerFactory().createJWSSigner(key));

		JWK publicKey = KeyMaterial.publicJwk(row);
		assertThat(publicKey.isPrivate()).isFalse();
		assertThat(publicKey).isEqualTo(key.toPublicJWK());
		assertThat(jws.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(),
				publicKey.getKeyType().getValue().equals("RSA") ? publicKey.toRSAKey().toPublicKey()
						: publicKey.toECKey().toPublicKey())))
			.isTrue();
	}

	@Test
	void encryptedPrivateKeysNeedTheirKeyToBeRead() {
		KeyEncryption encryption = KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
		KeyEncryption other = KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(filled(32, (byte) 7)));
		SigningKeyRow row = KeyMaterial.row(KeyMaterial.generatePair("RS256"), "RS256", "active", encryption);

		assertThat(KeyEncryption.isEncrypted(row.privateKey())).isTrue();
		assertThat(KeyMaterial.signingJwk(row, encryption).isPrivate()).isTrue();
		assertThatThrownBy(() -> KeyMaterial.signingJwk(row, PLAIN)).hasMessageContaining("not configured");
		assertThatThrownBy(() -> KeyMaterial.signingJwk(row, other)).hasMessageContaining("cannot be decrypted");
	}

	@Test
	void anEncryptionKeyOfTheWrongSizeIsRefusedAtStart() {
		assertThatThrownBy(() -> KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
			.hasMessageContaining("32 bytes");
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, value);
		return bytes;
	}

}
