-- The default listing (GET /v1/searches without a status filter) reads a tenant's searches newest
-- first; search_job_tenant_status orders by created_at only within one status, so that query read
-- and sorted every row of the tenant.
create index search_job_tenant_created on search_job (tenant_id, created_at desc);

-- A steady-state search checks each child's canonical hash against the job's individuals.
create index individual_job_hash on individual (job_id, canonical_hash);
