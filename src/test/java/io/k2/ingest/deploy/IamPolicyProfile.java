package io.k2.ingest.deploy;

import io.k2.ingest.maintain.MaintenanceProfile;

/**
 * The maintenance settings that let expiry act at once, in an application (and servers) of its own:
 * the IAM test drops a table without purge, as users may, and the files it leaves must not count as
 * orphans in another test's warehouse.
 */
public class IamPolicyProfile extends MaintenanceProfile {}
