package dev.outbound.auth;

/** A new organization and the first key of its administrator. */
record CreatedOrganization(long id, String name, CreatedKey adminKey) {}
