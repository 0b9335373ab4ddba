-- Our transcription of ept/hermitage, postgres.md: serializable prevents
-- Anti-Dependency Cycles (G2).
-- anomaly: G2
-- level: ser
-- prevented: yes
begin; set transaction isolation level serializable; -- T1
begin; set transaction isolation level serializable; -- T2
select * from test where value % 3 = 0; -- T1
select * from test where value % 3 = 0; -- T2
insert into test (id, value) values(3, 30); -- T1
insert into test (id, value) values(4, 42); -- T2
commit; -- T1 [anomaly if committed]
commit; -- T2 [error: could not serialize access due to read/write dependencies among transactions] [anomaly if committed]
