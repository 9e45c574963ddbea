-- Steady-state evolution: the population after the latest arrival, and how many children have
-- been bred after generation 0 (a generational search leaves both untouched).

alter table search_job
    add column population_ids  uuid[],
    add column births          integer not null default 0;
