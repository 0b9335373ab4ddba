-- Our transcription of ept/hermitage, postgres.md: read committed does
-- not prevent Lost Update (P4).
-- anomaly: P4
-- level: rc
-- prevented: no
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
select * from test where id = 1; -- T1
select * from test where id = 1; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 11 where id = 1; -- T2 [blocks]
commit; -- T1 [anomaly if committed]
commit; -- T2 [anomaly if committed]
