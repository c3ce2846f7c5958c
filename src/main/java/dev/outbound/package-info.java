/**
 * outbound: runs outbound communication campaigns behind the Syllable Outbound API. Each
 * sub-package owns one capability; see the README for the map.
 */
@NullMarked
package dev.outbound;

import org.jspecify.annotations.NullMarked;
