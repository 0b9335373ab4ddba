-- Our transcription of ept/hermitage, mysql.md: serializable prevents
-- Anti-Dependency Cycles (G2).
-- anomaly: G2
-- level: ser
-- prevented: yes
set session transaction isolation level serializable; begin; -- T1
set session transaction isolation level serializable; begin; -- T2
select * from test where value % 3 = 0; -- T1
select * from test where value % 3 = 0; -- T2
insert into test (id, value) values(3, 30); -- T1 [blocks]
insert into test (id, value) values(4, 42); -- T2 [error: Deadlock found when trying to get lock; try restarting transaction]
commit; -- T1
rollback; -- T2
