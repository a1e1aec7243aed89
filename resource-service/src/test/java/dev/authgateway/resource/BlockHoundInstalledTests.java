package dev.authgateway.resource;

import dev.authgateway.testsupport.BlockHoundInstalledCheck;

/** BlockHound watches this module's tests. */
class BlockHoundInstalledTests extends BlockHoundInstalledCheck {

}
