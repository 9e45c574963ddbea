/**
 * Wire records exchanged between the evolution engine and the workers, as JSON. Every top-level
 * message carries {@code schemaVersion} first; a change to a message's JSON needs a new schema
 * version and a new golden file, never an edit of an old one. Records validate in their
 * constructors, so a malformed message fails when it is read, naming the bad value.
 */
package io.msenas.model.message;
