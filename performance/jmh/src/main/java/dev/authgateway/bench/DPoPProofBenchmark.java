package dev.authgateway.bench;

import java.net.URI;
import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;

/**
 * What a DPoP proof costs every API request that carries one: reading it and Nimbus's
 * checks with the signature, for each algorithm a browser's WebCrypto can sign with and
 * the JVM verifies. The replay check is left out (one map lookup), so that the same proof
 * can be checked again and again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DPoPProofBenchmark {

	private static final URI URL = URI.create("http://localhost:8080/api/protected-data");

	@Param({ "RS256", "ES256", "PS256" })
	public String algorithm;

	private DPoPProtectedResourceRequestVerifier verifier;

	private String proof;

	private DPoPAccessToken token;

	private JWKThumbprintConfirmation cnf;

	@Setup
	public void setUp() throws JOSEException {
		JWSAlgorithm alg = JWSAlgorithm.parse(this.algorithm);
		JWK key = JWSAlgorithm.Family.EC.contains(alg) ? new ECKeyGenerator(Curve.P_256).generate()
				: new RSAKeyGenerator(2048).generate();
		this.token = new DPoPAccessToken("header.payload.signature");
		this.proof = new DefaultDPoPProofFactory(key, alg).createDPoPJWT("GET", URL, this.token).serialize();
		this.cnf = new JWKThumbprintConfirmation(key.computeThumbprint());
		Set<JWSAlgorithm> algorithms = DPoPReactiveAuthenticationManager.ALGORITHMS;
		this.verifier = new DPoPProtectedResourceRequestVerifier(algorithms, 3600, 3600, null);
	}

	@Benchmark
	public SignedJWT verifyProof()
			throws ParseException, InvalidDPoPProofException, AccessTokenValidationException, JOSEException {
		SignedJWT parsed = SignedJWT.parse(this.proof);
		this.verifier.verify("GET", URL, new DPoPIssuer("web"), parsed, this.token, this.cnf);
		return parsed;
	}

}
