package dev.authgateway.gateway.user;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One password check with the encoder and parameters the gateway uses: the floor of a
 * login's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PasswordHashingBenchmark {

	private PasswordEncoder encoder;

	private String storedHash;

	@Setup
	public void setUp() {
		this.encoder = PasswordHashing.delegatingEncoder();
		this.storedHash = this.encoder.encode("alice-password-1");
	}

	@Benchmark
	public boolean checkPassword() {
		return this.encoder.matches("alice-password-1", this.storedHash);
	}

}
