package dev.authgateway.resource.data;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The demo switch is read when the application runs (the image's bean definitions are
 * fixed at build).
 */
class DemoItemsTests {

	@Test
	void noDemoItemsAreWrittenWhenTheDemoSwitchIsOff() {
		DatabaseClient database = mock(DatabaseClient.class);

		new DemoItems(database, false).run(new DefaultApplicationArguments());

		verifyNoInteractions(database);
	}

}
