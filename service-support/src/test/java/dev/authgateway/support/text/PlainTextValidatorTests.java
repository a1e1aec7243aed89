package dev.authgateway.support.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextValidatorTests {

	@Test
	void tabsAndPrintableTextOfAnyScriptArePlain() {
		assertThat(PlainTextValidator.isPlain("Grüße\tこんにちは 🙂", false)).isTrue();
	}

	@Test
	void aNulOrAnEscapeIsNeverPlain() {
		assertThat(PlainTextValidator.isPlain("\u0000alice", true)).isFalse();
		assertThat(PlainTextValidator.isPlain("red\u001b[31m", true)).isFalse();
		assertThat(PlainTextValidator.isPlain("c1\u0085control", true)).isFalse();
	}

	@Test
	void lineBreaksArePlainOnlyInMultilineText() {
		assertThat(PlainTextValidator.isPlain("one\ntwo\r\nthree", true)).isTrue();
		assertThat(PlainTextValidator.isPlain("one\ntwo", false)).isFalse();
		assertThat(PlainTextValidator.isPlain("a lone\rcarriage return", true)).isFalse();
	}

}
