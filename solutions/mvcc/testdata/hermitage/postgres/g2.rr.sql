-- Our transcription of ept/hermitage, postgres.md: repeatable read does
-- not prevent Anti-Dependency Cycles (G2). Hermitage runs the last
-- select in either session; we run it in T1.
-- anomaly: G2
-- level: rr
-- prevented: no
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where value % 3 = 0; -- T1
select * from test where value % 3 = 0; -- T2
insert into test (id, value) values(3, 30); -- T1
insert into test (id, value) values(4, 42); -- T2
commit; -- T1 [anomaly if committed]
commit; -- T2 [anomaly if committed]
select * from test where value % 3 = 0; -- T1 [-> 3 => 30, 4 => 42]
