package dev.authgateway.gateway.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password checks per second with the gateway's encoder on a given number of threads,
 * nothing else: what performance/run divides the login rate by. Usage:
 * {@code RawHashRate <threads> <seconds>}; prints one number.
 */
public final class RawHashRate {

	private RawHashRate() {
	}

	public static void main(String[] args) throws InterruptedException {
		int threads = Integer.parseInt(args[0]);
		long seconds = Long.parseLong(args[1]);
		PasswordEncoder encoder = PasswordHashing.delegatingEncoder();
		String storedHash = encoder.encode("alice-password-1");
		measure(encoder, storedHash, threads, Math.max(2, seconds / 4));
		double rate = measure(encoder, storedHash, threads, seconds);
		System.out.printf("%.2f%n", rate);
	}

	private static double measure(PasswordEncoder encoder, String storedHash, int threads, long seconds)
			throws InterruptedException {
		LongAdder checks = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (running.get()) {
					encoder.matches("alice-password-1", storedHash);
					checks.increment();
				}
			});
			worker.start();
			workers.add(worker);
		}
		long start = System.nanoTime();
		Thread.sleep(seconds * 1000);
		running.set(false);
		for (Thread worker : workers) {
			worker.join();
		}
		return checks.sum() / ((System.nanoTime() - start) / 1e9);
	}

}
