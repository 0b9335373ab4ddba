-- Our transcription of ept/hermitage, postgres.md: read committed does
-- not prevent Predicate-Many-Preceders (PMP).
-- anomaly: PMP
-- level: rc
-- prevented: no
-- read-only
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
select * from test where value = 30; -- T1 [-> (no rows)]
insert into test (id, value) values(3, 30); -- T2
commit; -- T2
select * from test where value % 3 = 0; -- T1 [-> 3 => 30] [anomaly unless (no rows)]
commit; -- T1
