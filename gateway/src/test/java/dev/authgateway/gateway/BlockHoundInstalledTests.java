package dev.authgateway.gateway;

import dev.authgateway.testsupport.BlockHoundInstalledCheck;

/** BlockHound watches this module's tests. */
class BlockHoundInstalledTests extends BlockHoundInstalledCheck {

}
