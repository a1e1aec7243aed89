package dev.authgateway.support.observability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Operators;
import reactor.netty.channel.AbortedException;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DroppedErrorsTests {

	@BeforeAll
	static void installAsEveryApplicationDoes() {
		DroppedErrors.install();
	}

	@Test
	void aClientThatClosedItsConnectionBeforeItsAnswerIsNotLoggedAsAnError(CapturedOutput output) {
		// what Reactor Netty raises when an answer is written after the client closed the
		// connection
		Operators.onErrorDropped(AbortedException.beforeSend(), Context.empty());

		assertThat(output).doesNotContain("ERROR").doesNotContain("onErrorDropped");
	}

	@Test
	void everyOtherDroppedErrorIsStillLoggedAsAnErrorOnce(CapturedOutput output) {
		DroppedErrors.install();

		Operators.onErrorDropped(new IllegalStateException("a statement failed after its request ended"),
				Context.empty());

		assertThat(output).contains("ERROR")
			.contains("a statement failed after its request ended")
			.doesNotContain("onErrorDropped");
		assertThat(output.toString().split("An error arrived after its request had ended", -1)).hasSize(2);
	}

	@Test
	void everyApplicationInstallsItBeforeItsContextStarts() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
			.hasAtLeastOneElementOfType(DroppedErrors.class);
	}

}
